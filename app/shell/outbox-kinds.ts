/**
 * Every kind of queued write the app knows, registered in one place: a citizen's check-ins and antigen
 * self-tests, and the 数字哨兵's visits. Each feature defines its kind; only the shell brings them together.
 */
import { antigenOutboxKind } from '../features/antigen/outbox-kind.ts';
import { kioskVisitOutboxKind } from '../features/kiosk/outbox-kind.ts';
import { checkInOutboxKind } from '../features/venue-scan/outbox-kind.ts';
import { registerOutboxKind } from '../offline/outbox.ts';

export function registerOutboxKinds(): void {
  registerOutboxKind(antigenOutboxKind);
  registerOutboxKind(checkInOutboxKind);
  registerOutboxKind(kioskVisitOutboxKind);
}
