/**
 * Reads the compact health code (SSM2, compact-code.ts): checks the server's signature over the claims
 * and, for a live code, the device's over the credential and the time, then gives the claims back in the
 * shape SSM1 carries them. Freshness and expiry are health-code.ts's, the same for both formats.
 * Only verifiers load it (read-health-code.ts), never the phone's first load. Never throws.
 */
import type { CryptoKey } from './web-crypto.ts';
import { base45ToBytes } from './base45.ts';
import { base64urlToBytes, bytesToBase64url } from './base64url.ts';
import { decodeCbor, encodeCbor, type CborValue } from './cbor.ts';
import { claimType, colours, credentialParts, deviceSigned, serverSigned, trustLevels, type CredentialParts } from './compact-code.ts';
import { compactPrefix } from './health-code.ts';
import { decompressPoint } from './p256-point.ts';
import { ecdsa, maxTokenLength, signAlgorithm, type KeyLookup } from './signed-token.ts';

function subjectFromCbor(value: CborValue): string | null {
  if (typeof value === 'string') return value;
  if (!Array.isArray(value) || value.length !== 2) return null;
  const [prefix, uuid] = value as readonly CborValue[];
  if (typeof prefix !== 'string' || !(uuid instanceof Uint8Array) || uuid.length !== 16) return null;
  const hex = [...uuid].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${prefix}${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A test's result rides in its time's sign: a negative test at t is −1 − t, a positive one t. */
function testFromCbor(value: CborValue): unknown {
  if (value === null) return null;
  return typeof value === 'number' ? (value < 0 ? ['n', -1 - value] : ['p', value]) : undefined;
}

function antigenFromCbor(value: CborValue): unknown {
  if (!Array.isArray(value)) return testFromCbor(value);
  const [time, level] = value as readonly CborValue[];
  const test = testFromCbor(time ?? null);
  const letter = typeof level === 'number' ? trustLevels[level] : undefined;
  return Array.isArray(test) && value.length === 2 && letter ? [...(test as unknown[]), letter] : undefined;
}

/**
 * The claims back in the shape SSM1 carries them, for health-code.ts to validate with its schemas;
 * null when the bytes are not a claims array at all.
 */
function decodeClaims(bytes: Uint8Array): { payload: Record<string, unknown>; items: readonly CborValue[] } | null {
  const decoded = decodeCbor(bytes);
  if (!decoded || !Array.isArray(decoded.value) || decoded.value.length !== 10) return null;
  const items = decoded.value as readonly CborValue[];
  const [type, subject, n, colour, p, a, d, iat, exp, last] = items;
  const common = { s: subjectFromCbor(subject ?? null), n, c: typeof colour === 'number' ? colours[colour] : undefined, p: testFromCbor(p ?? null), a: antigenFromCbor(a ?? null), d, iat, exp };
  if (type === claimType.cred) {
    const raw = last instanceof Uint8Array ? decompressPoint(last) : null;
    return raw ? { payload: { t: 'cred', ...common, k: bytesToBase64url(raw) }, items } : null;
  }
  if (type === claimType.paper) return { payload: { t: 'paper', ...common, i: last }, items };
  return null;
}

export type OpenedCompactCode =
  | { ok: true; kind: 'live'; payload: Record<string, unknown>; signedAt: number }
  | { ok: true; kind: 'paper'; payload: Record<string, unknown> }
  | { ok: false; reason: 'malformed' | 'unknown-key' | 'forged' | 'tampered-colour' | 'device-signature' };

const verify = (key: CryptoKey, signature: Uint8Array<ArrayBuffer>, data: Uint8Array<ArrayBuffer>) =>
  crypto.subtle.verify(signAlgorithm, key, signature, data).catch(() => false);

/** A claims array that verifies once its colour is put back was changed only in its colour. */
async function colourWasChanged(parts: CredentialParts, items: readonly CborValue[], key: CryptoKey): Promise<boolean> {
  for (let colour = 0; colour < colours.length; colour++) {
    if (colour === items[3]) continue;
    const original = encodeCbor(items.map((item, index) => (index === 3 ? colour : item)));
    if (await verify(key, parts.signature.slice(), serverSigned(parts.kid, original))) return true;
  }
  return false;
}

export async function openCompactCode(text: string, lookup: KeyLookup): Promise<OpenedCompactCode> {
  const bytes = text.length <= maxTokenLength ? base45ToBytes(text.slice(compactPrefix.length)) : null;
  const decoded = bytes && decodeCbor(bytes);
  const items = decoded && Array.isArray(decoded.value) ? (decoded.value as readonly CborValue[]) : null;
  const parts = items && (items.length === 3 || items.length === 5) ? credentialParts(items) : null;
  const claims = parts && decodeClaims(parts.claims);
  if (!items || !parts) return { ok: false, reason: 'malformed' };

  const key = await lookup(bytesToBase64url(parts.kid));
  if (!key) return { ok: false, reason: 'unknown-key' };
  if (!(await verify(key, parts.signature.slice(), serverSigned(parts.kid, parts.claims)))) {
    return { ok: false, reason: claims && (await colourWasChanged(parts, claims.items, key)) ? 'tampered-colour' : 'forged' };
  }
  if (!claims) return { ok: false, reason: 'malformed' };
  if (items.length === 3) return { ok: true, kind: 'paper', payload: claims.payload };

  const [, , , sinceIssue, deviceSignature] = items;
  const { iat } = claims.payload;
  if (typeof sinceIssue !== 'number' || typeof iat !== 'number') return { ok: false, reason: 'malformed' };
  const deviceKeyRaw = claims.payload.t === 'cred' && typeof claims.payload.k === 'string' ? base64urlToBytes(claims.payload.k) : null;
  const deviceKey = deviceKeyRaw && (await crypto.subtle.importKey('raw', deviceKeyRaw, ecdsa, true, ['verify']).catch(() => null));
  // Paper claims inside a live frame: a paper code dressed up as a phone's.
  if (claims.payload.t !== 'cred') return { ok: false, reason: 'malformed' };
  if (!deviceKey || !(deviceSignature instanceof Uint8Array) || deviceSignature.length !== 64) return { ok: false, reason: 'device-signature' };
  const signed = await verify(deviceKey, deviceSignature.slice(), deviceSigned(parts.kid, parts.claims, parts.signature, sinceIssue));
  if (!signed) return { ok: false, reason: 'device-signature' };
  return { ok: true, kind: 'live', payload: claims.payload, signedAt: (iat + sinceIssue) * 1000 };
}
