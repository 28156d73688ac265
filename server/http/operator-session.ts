/**
 * The operator's session cookie, apart from the citizen's (`sw_session`): its own name, sent only to
 * `/api/operator`, so a citizen session never opens the console and an operator session never acts as a citizen.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { OperatorAuth, RelyingParty } from '../services/operator-auth.ts';
import type { OperatorRow } from '../storage/operators.ts';
import { HttpError } from './errors.ts';
import { sessionCookieOptions, type TransportPolicy } from './transport.ts';

export const operatorCookie = 'sw_operator';
const cookiePath = '/api/operator';

export interface OperatorVariables {
  operator: OperatorRow;
}

export function setOperatorCookie(c: Context, token: string, maxAgeSeconds: number, policy: TransportPolicy): void {
  setCookie(c, operatorCookie, token, sessionCookieOptions(c, policy, cookiePath, maxAgeSeconds));
}

export function clearOperatorCookie(c: Context): void {
  deleteCookie(c, operatorCookie, { path: cookiePath });
}

export const operatorToken = (c: Context): string | undefined => getCookie(c, operatorCookie);

/** Where passkeys are bound: WEBAUTHN_ORIGIN when set (behind a proxy the request's own URL is not the browser's), else the request's origin. */
export function relyingParty(c: Context, configured: string | undefined): RelyingParty {
  const origin = configured ?? new URL(c.req.url).origin;
  return { origin, rpID: new URL(origin).hostname };
}

/** Lets a request through only with a full operator session (code and passkey), and tells the handler whose it is. */
export function requireOperator(auth: OperatorAuth): MiddlewareHandler<{ Variables: OperatorVariables }> {
  return async (c, next) => {
    const operator = await auth.operatorFor(operatorToken(c));
    if (!operator) throw new HttpError(401, 'unauthenticated', 'Sign in to the console first (code and passkey).');
    c.set('operator', operator);
    await next();
  };
}
