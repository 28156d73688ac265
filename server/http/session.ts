import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AuthService } from '../services/auth.ts';
import { HttpError } from './errors.ts';
import { sessionCookieOptions, type TransportPolicy } from './transport.ts';

export const sessionCookie = 'sw_session';

export interface SessionVariables {
  citizenId: string;
}

export function setSessionCookie(c: Context, token: string, maxAgeSeconds: number, policy: TransportPolicy): void {
  setCookie(c, sessionCookie, token, sessionCookieOptions(c, policy, '/', maxAgeSeconds));
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, sessionCookie, { path: '/' });
}

export function sessionToken(c: Context): string | undefined {
  return getCookie(c, sessionCookie);
}

/** Lets a request through only with a live session, and tells the handler whose it is. */
export function requireSession(auth: AuthService): MiddlewareHandler<{ Variables: SessionVariables }> {
  return async (c, next) => {
    const token = sessionToken(c);
    const citizenId = token ? await auth.citizenForSession(token) : undefined;
    if (!citizenId) throw new HttpError(401, 'unauthenticated', 'Log in first.');
    c.set('citizenId', citizenId);
    await next();
  };
}
