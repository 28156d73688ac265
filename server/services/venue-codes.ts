/**
 * Checks a place code's token on the server, synchronously with node:crypto: outbox writes are applied
 * inside a SQLite transaction (sync-handlers.ts), where nothing may be awaited. Same format and rules
 * as app/crypto/signed-token.ts: `v1.<kid>.<payload>.<r‖s>`, ECDSA P-256 over SHA-256.
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { venuePayload, type VenuePayload } from '../../core/contract.ts';
import { maxTokenLength, tokenVersion } from '../../core/crypto/signed-token.ts';
import type { Signer } from './signer.ts';

export type VenueCodeVerifier = (token: string) => VenuePayload | undefined;

export function createVenueCodeVerifier(signer: Signer): VenueCodeVerifier {
  const keys = new Map<string, KeyObject>(
    signer.publicKeys().map((jwk) => [jwk.kid, createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y }, format: 'jwk' })]),
  );
  return (token) => {
    if (token.length > maxTokenLength) return undefined;
    const [version, kid = '', payloadPart = '', signaturePart = '', ...rest] = token.split('.');
    const key = keys.get(kid);
    if (version !== tokenVersion || rest.length > 0 || !key) return undefined;
    const signature = Buffer.from(signaturePart, 'base64url');
    if (signature.length !== 64) return undefined;
    const signed = Buffer.from(`${version}.${kid}.${payloadPart}`);
    if (!verify('sha256', signed, { key, dsaEncoding: 'ieee-p1363' }, signature)) return undefined;
    try {
      const parsed = venuePayload.safeParse(JSON.parse(Buffer.from(payloadPart, 'base64url').toString('utf8')));
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  };
}
