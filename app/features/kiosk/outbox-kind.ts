import { kioskVisitKind, kioskVisitUpload } from '../../../core/contract/kiosks.ts';
import type { OutboxKind } from '../../offline/outbox.ts';

/** A visit the kiosk passed: queued with a client-made id that becomes the check-in's, sent to /kiosk/sync. */
export const kioskVisitOutboxKind: OutboxKind = {
  kind: kioskVisitKind,
  payload: kioskVisitUpload,
  // The visitor's own 扫码记录 is on their phone; nothing on the kiosk shows stored visits.
  invalidates: () => [],
};
