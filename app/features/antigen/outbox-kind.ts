import { contractOutboxKind } from '../../offline/outbox.ts';
import { recordKeys } from '../../records/record-keys.ts';

/**
 * Antigen self-tests go through the outbox: stored on the phone first, sent once when online. Once stored,
 * the credential is re-issued so the QR carries the new result.
 */
export const antigenOutboxKind = contractOutboxKind('antigen-test', (citizenId) => [
  recordKeys.antigenTests(citizenId),
  recordKeys.credential(citizenId),
]);
