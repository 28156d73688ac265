import { request } from '../../../api/client.ts';

/**
 * The staff's 确认放行 after a typed lookup passed: logs that visit. The lookup's id is the idempotency key, so
 * a retry after a lost answer logs nothing new (server/services/kiosks.ts `confirm`).
 */
export const confirmIdLookup = (token: string, lookupId: string) => request('confirmIdLookup', { bearer: token, params: { id: lookupId }, timeoutMs: 10_000 });
