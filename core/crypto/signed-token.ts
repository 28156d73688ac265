/**
 * Compact signed tokens for QR codes: `v1.<kid>.<payload>.<signature>`, where payload is base64url
 * JSON and signature is the raw 64-byte ECDSA P-256 / SHA-256 signature (r‖s) over `v1.<kid>.<payload>`.
 * Smaller than a JWS (no header object), so a code stays quick to scan; WebCrypto on both sides.
 * Verification never throws: every way a token can be wrong comes back as a reason.
 */
import type { CryptoKey } from './web-crypto.ts';
import { base64urlToBytes, base64urlToText, bytesToBase64url, textToBase64url } from './base64url.ts';

export const tokenVersion = 'v1';
export const ecdsa = { name: 'ECDSA', namedCurve: 'P-256' } as const;
/** How every signature here is made: tokens by the server's keys, live codes by a device's key. */
export const signAlgorithm = { name: 'ECDSA', hash: 'SHA-256' } as const;

/** Anything longer is refused before any parsing or crypto: no legitimate code comes close. */
export const maxTokenLength = 2048;

export type TokenFailure = 'too-large' | 'malformed' | 'unknown-key' | 'bad-signature' | 'bad-payload';

export type VerifiedToken = { ok: true; kid: string; payload: unknown } | { ok: false; reason: TokenFailure };

/** Finds the public key for a key id; the caller decides where keys come from (JWK set, cache). */
export type KeyLookup = (kid: string) => CryptoKey | undefined | Promise<CryptoKey | undefined>;

const kidPattern = /^[A-Za-z0-9_-]{1,64}$/;

export async function signToken(privateKey: CryptoKey, kid: string, payload: unknown): Promise<string> {
  if (!kidPattern.test(kid)) throw new Error(`invalid key id ${kid}`);
  const signed = `${tokenVersion}.${kid}.${textToBase64url(JSON.stringify(payload))}`;
  const signature = await crypto.subtle.sign(signAlgorithm, privateKey, new TextEncoder().encode(signed));
  return `${signed}.${bytesToBase64url(new Uint8Array(signature))}`;
}

/** `maxLength` is raised only for what is not scanned from a QR code (the revocation list). */
export async function verifyToken(token: string, lookup: KeyLookup, maxLength = maxTokenLength): Promise<VerifiedToken> {
  if (token.length > maxLength) return { ok: false, reason: 'too-large' };
  const parts = token.split('.');
  if (parts.length !== 4) return { ok: false, reason: 'malformed' };
  const [version, kid, payloadPart, signaturePart] = parts as [string, string, string, string];
  if (version !== tokenVersion || !kidPattern.test(kid)) return { ok: false, reason: 'malformed' };
  const signature = base64urlToBytes(signaturePart);
  const payloadText = base64urlToText(payloadPart);
  if (!signature || signature.length !== 64 || payloadText === null) return { ok: false, reason: 'malformed' };

  const key = await lookup(kid);
  if (!key) return { ok: false, reason: 'unknown-key' };
  const valid = await crypto.subtle
    .verify(signAlgorithm, key, signature, new TextEncoder().encode(`${version}.${kid}.${payloadPart}`))
    .catch(() => false);
  if (!valid) return { ok: false, reason: 'bad-signature' };
  try {
    return { ok: true, kid, payload: JSON.parse(payloadText) as unknown };
  } catch {
    return { ok: false, reason: 'bad-payload' };
  }
}

/** The type marker (`t`) a payload carries: 'venue', 'cred', 'paper'. */
export function payloadType(payload: unknown): string | undefined {
  return typeof payload === 'object' && payload !== null && 't' in payload && typeof payload.t === 'string' ? payload.t : undefined;
}

/**
 * The type marker of a token's payload read without verifying it: only ever to say what was scanned
 * (a place code where a health code was expected, or the other way round), never to trust it.
 */
export function unverifiedTokenType(token: string): string | undefined {
  const payloadPart = token.split('.')[2];
  const text = payloadPart === undefined ? null : base64urlToText(payloadPart);
  if (text === null) return undefined;
  try {
    return payloadType(JSON.parse(text));
  } catch {
    return undefined;
  }
}
