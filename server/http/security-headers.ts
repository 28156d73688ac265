import type { MiddlewareHandler } from 'hono';
import { reachedOverHttps, strictTransportSecurity, type TransportPolicy } from './transport.ts';

/**
 * Headers on every response, API and static alike. The policy allows nothing but this origin:
 * no inline script, no CDN, no fonts or analytics from elsewhere, and no framing.
 * 'wasm-unsafe-eval' lets the scanner compile its own-origin WebAssembly decoder.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "media-src 'self' blob:",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const securityHeaders = (policy: TransportPolicy): MiddlewareHandler => async (c, next) => {
  await next();
  if (reachedOverHttps(c, policy)) c.res.headers.set('Strict-Transport-Security', strictTransportSecurity);
  c.res.headers.set('Content-Security-Policy', contentSecurityPolicy);
  c.res.headers.set('X-Content-Type-Options', 'nosniff');
  c.res.headers.set('Referrer-Policy', 'no-referrer');
  c.res.headers.set('X-Frame-Options', 'DENY');
  c.res.headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  c.res.headers.set('Permissions-Policy', 'camera=(self), microphone=(), geolocation=()');
};
