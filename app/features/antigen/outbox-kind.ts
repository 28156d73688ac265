import { antigenUpload } from '../../api/contract.ts';
import type { OutboxKind } from '../../offline/outbox.ts';
import { recordKeys } from '../../records/record-keys.ts';

/**
 * Antigen self-tests go through the outbox: stored on the phone first, sent once when online. Once stored,
 * the credential is re-issued so the QR carries the new result.
 */
export const antigenOutboxKind: OutboxKind = {
  kind: 'antigen-test',
  payload: antigenUpload,
  invalidates: (citizenId) => [recordKeys.antigenTests(citizenId), recordKeys.credential(citizenId)],
};
