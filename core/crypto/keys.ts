/** ECDSA P-256 keys as JWKs: what the server publishes, what clients cache and verify with. */
import type { CryptoKey } from './web-crypto.ts';
import type { PublicJwk } from '../contract/codes.ts';
import { bytesToBase64url } from './base64url.ts';
import { ecdsa } from './signed-token.ts';

export function importPublicJwk(jwk: PublicJwk): Promise<CryptoKey> {
  return crypto.subtle.importKey('jwk', { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y, ext: true }, ecdsa, true, ['verify']);
}

/** RFC 7638 thumbprint, shortened: a stable key id derived from the key itself. */
export async function keyId(jwk: Pick<PublicJwk, 'crv' | 'kty' | 'x' | 'y'>): Promise<string> {
  const canonical = JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y });
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(canonical));
  return bytesToBase64url(new Uint8Array(digest).slice(0, 8));
}

/** A lookup over a JWK set, importing each key once. */
export async function keyLookupFromSet(keys: readonly PublicJwk[]): Promise<(kid: string) => CryptoKey | undefined> {
  const imported = new Map<string, CryptoKey>();
  for (const jwk of keys) imported.set(jwk.kid, await importPublicJwk(jwk));
  return (kid) => imported.get(kid);
}
