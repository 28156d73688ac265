import { contractOutboxKind } from '../../offline/outbox.ts';
import { venueScanKeys } from './venue-scan-keys.ts';

/** Check-ins go through the outbox: stored on the phone first, sent once when online. */
export const checkInOutboxKind = contractOutboxKind('check-in', () => [venueScanKeys.all()]);
