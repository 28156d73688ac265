import type { SyncItem } from '../../../../core/contract/sync.ts';
import { request } from '../../../api/client.ts';

/**
 * How long the oldest visit of a batch has waited, by the kiosk's own clock (a difference, so its offset from
 * the server's does not matter): the offline window the server believes scan times within.
 */
export function offlineSecondsOf(items: readonly SyncItem[], now = Date.now()): number {
  const scans = items
    .map((item) => (item.payload as { scannedAt?: unknown } | null)?.scannedAt)
    .map((at) => (typeof at === 'string' ? Date.parse(at) : Number.NaN))
    .filter(Number.isFinite);
  return scans.length === 0 ? 0 : Math.max(0, Math.ceil((now - Math.min(...scans)) / 1000));
}

/** Sends queued visits; the server verifies each code again and stores a check-in once per item id. */
export const syncKioskVisits = async (token: string, items: SyncItem[]) =>
  (await request('kioskSync', { bearer: token, body: { items, offlineSeconds: offlineSecondsOf(items) }, timeoutMs: 30_000 })).results;
