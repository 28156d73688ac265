import type { MiddlewareHandler } from 'hono';
import { HttpError } from './errors.ts';
import type { TransportPolicy } from './transport.ts';

const stateChanging = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Refuses a state-changing API request a browser sent from another site: browsers send `Origin` with every
 * POST, PUT, PATCH and DELETE, and a page elsewhere cannot leave it out. SameSite=Strict already keeps the
 * session cookie off such requests; this holds for routes that need no cookie too (a bodyless
 * DELETE, say). Requests without `Origin` are not from a browser page (kiosk
 * and provider clients, curl) and carry their own credentials, so they pass.
 */
export function sameOriginWrites(policy: TransportPolicy): MiddlewareHandler {
  return async (c, next) => {
    const origin = c.req.header('origin');
    if (origin !== undefined && stateChanging.has(c.req.method) && !isOwnOrigin(origin, c.req.header('host'), policy)) {
      throw new HttpError(403, 'forbidden', `Requests from ${origin} may not change anything here.`);
    }
    await next();
  };
}

function isOwnOrigin(origin: string, host: string | undefined, policy: TransportPolicy): boolean {
  if (policy.publicOrigin && origin === policy.publicOrigin) return true;
  if (!URL.canParse(origin)) return false;
  // Same host and port as the request was addressed to: what the browser's address bar showed.
  return host !== undefined && new URL(origin).host === host.toLowerCase();
}
