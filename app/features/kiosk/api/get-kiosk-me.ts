import { request } from '../../../api/client.ts';

/** Which kiosk and venue this pairing token belongs to; 401 kiosk_revoked / kiosk_unauthorized when it no longer does. */
export const fetchKioskMe = (token: string, signal?: AbortSignal) => request('kioskMe', { bearer: token, timeoutMs: 8000, ...(signal ? { signal } : {}) });
