import { checkInUpload } from '../../api/contract.ts';
import type { OutboxKind } from '../../offline/outbox.ts';
import { venueScanKeys } from './venue-scan-keys.ts';

/** Check-ins go through the outbox: stored on the phone first, sent once when online. */
export const checkInOutboxKind: OutboxKind = {
  kind: 'check-in',
  payload: checkInUpload,
  invalidates: () => [venueScanKeys.all()],
};
