import type { Context } from 'hono';

/**
 * Whether the browser reached this server over HTTPS, which a TLS-terminating proxy hides from Node: the
 * request Node sees is plain http. Believed, in order: the deployment's `PUBLIC_ORIGIN`, the URL itself, and
 * `X-Forwarded-Proto` only when `TRUST_PROXY` says a proxy of the deployment's own sets it.
 */
export interface TransportPolicy {
  trustProxy?: number;
  /** `PUBLIC_ORIGIN`: the origin citizens type, e.g. https://ssm.example.cn. */
  publicOrigin?: string;
}

const localHostname = /^(localhost|.*\.localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

export function isLocalHostname(hostname: string): boolean {
  return localHostname.test(hostname);
}

export function reachedOverHttps(c: Context, policy: TransportPolicy): boolean {
  if (policy.publicOrigin) return policy.publicOrigin.startsWith('https://');
  if (new URL(c.req.url).protocol === 'https:') return true;
  if (!policy.trustProxy) return false;
  // The nearest proxy's word: each proxy may append, so the last entry is the one the deployment's own wrote.
  const forwarded = (c.req.header('x-forwarded-proto') ?? '').split(',').map((part) => part.trim().toLowerCase());
  return forwarded.at(-1) === 'https';
}

/**
 * The session cookie is `Secure` everywhere but a developer's own machine: a cookie sent in clear on any
 * other network is a session anyone on the path may take. Over plain http to a LAN address the browser then
 * keeps no cookie, which is the point: serve it over HTTPS (docs/security.md).
 */
export function cookieMustBeSecure(c: Context, policy: TransportPolicy): boolean {
  return reachedOverHttps(c, policy) || !isLocalHostname(new URL(c.req.url).hostname);
}

/** A session cookie's attributes, one rule for the citizen's and the operator's: script never reads it, no other site sends it, Secure as above. */
export function sessionCookieOptions(c: Context, policy: TransportPolicy, path: string, maxAgeSeconds: number) {
  return { httpOnly: true, sameSite: 'Strict', secure: cookieMustBeSecure(c, policy), path, maxAge: maxAgeSeconds } as const;
}

/** HSTS for a year; only over HTTPS, where browsers heed it (over http it is ignored, and would mislead). */
export const strictTransportSecurity = 'max-age=31536000; includeSubDomains';
