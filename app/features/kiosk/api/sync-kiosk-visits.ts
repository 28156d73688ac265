import type { SyncItem } from '../../../../core/contract/sync.ts';
import { request } from '../../../api/client.ts';

/** Sends queued visits; the server verifies each code again and stores a check-in once per item id. */
export const syncKioskVisits = async (token: string, items: SyncItem[]) =>
  (await request('kioskSync', { bearer: token, body: { items }, timeoutMs: 30_000 })).results;
