/**
 * The compact health code (SSM2), the same signed statement as SSM1 in about half the QR modules, built
 * the way EU Digital COVID Certificates are: the claims as CBOR (cbor.ts), raw 64-byte ECDSA P-256
 * signatures, the device key as a 33-byte compressed point (p256-point.ts), and the whole as Base45
 * (base45.ts) after a short prefix, so that the QR is drawn in alphanumeric mode.
 *
 * - **Claims**: a CBOR array `[type, subject, name, colour, pcr, antigen, doses, iat, exp, key-or-id]`;
 *   type 1 is a phone's credential (last item the compressed device key), 2 a paper code (last item the
 *   masked ID number). A subject ending in a UUID carries it as 16 bytes; a test is its time, the
 *   result in the sign.
 * - **Credential** (what the server issues, base64url): `[kid, claims bytes, server signature]`. The
 *   server signs the CBOR of `["SSM2", kid, claims bytes]`: the bytes sent, never a re-encoding, and
 *   a context string so a signature made for this format means nothing in any other.
 * - **Live code**: `SSM2:` + Base45 of `[kid, claims bytes, server signature, time, device signature]`,
 *   the device signing the CBOR of `["SSM2 live", kid, claims bytes, server signature, time]`; the
 *   time is in seconds from the credential's iat, 3 bytes rather than 5 for the first 18 hours.
 * - **Paper code**: `SSM2:` + Base45 of the credential array alone.
 *
 * Unlike a DCC there is no COSE envelope (its headers would cost a QR version) and no zlib (signatures
 * and keys are random bytes; the claims are too short to shrink). Opening never throws.
 */
import type { CryptoKey } from './web-crypto.ts';
import type { CredentialClaims, PaperClaims } from './health-code.ts';
import { base45ToBytes, bytesToBase45 } from './base45.ts';
import { base64urlToBytes, bytesToBase64url } from './base64url.ts';
import { decodeCbor, encodeCbor, type CborValue } from './cbor.ts';
import { compressPoint, decompressPoint } from './p256-point.ts';
import { ecdsa, maxTokenLength, signAlgorithm, type KeyLookup } from './signed-token.ts';

export const compactPrefix = 'SSM2:';

const context = { server: 'SSM2', device: 'SSM2 live' } as const;
const claimType = { cred: 1, paper: 2 } as const;
const colours = ['green', 'yellow', 'red'] as const;
const uuidSuffix = /^(.*)([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{12})$/;

type Claims = CredentialClaims | PaperClaims;

function hexToBytes(hex: string): Uint8Array {
  return new Uint8Array(hex.match(/../g)?.map((pair) => parseInt(pair, 16)) ?? []);
}

function subjectToCbor(subject: string): CborValue {
  const match = uuidSuffix.exec(subject);
  if (!match) return subject;
  const [, prefix = '', ...groups] = match;
  return [prefix, hexToBytes(groups.join(''))];
}

function subjectFromCbor(value: CborValue): string | null {
  if (typeof value === 'string') return value;
  if (!Array.isArray(value) || value.length !== 2) return null;
  const [prefix, uuid] = value as readonly CborValue[];
  if (typeof prefix !== 'string' || !(uuid instanceof Uint8Array) || uuid.length !== 16) return null;
  const hex = [...uuid].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${prefix}${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A test's result rides in its time's sign: a negative test at t is −1 − t, a positive one t. */
const testToCbor = (test: Claims['p']): CborValue => (test ? (test[0] === 'n' ? -1 - test[1] : test[1]) : null);

function testFromCbor(value: CborValue): unknown {
  if (value === null) return null;
  return typeof value === 'number' ? (value < 0 ? ['n', -1 - value] : ['p', value]) : undefined;
}

/** The claims' CBOR bytes, as the server signs them. */
export function encodeClaims(claims: Claims): Uint8Array<ArrayBuffer> {
  let last: CborValue;
  if (claims.t === 'cred') {
    const raw = base64urlToBytes(claims.k);
    const compressed = raw && compressPoint(raw);
    if (!compressed) throw new Error('credential claims carry no valid device key');
    last = compressed;
  } else {
    last = claims.i;
  }
  return encodeCbor([
    claimType[claims.t],
    subjectToCbor(claims.s),
    claims.n,
    colours.indexOf(claims.c),
    testToCbor(claims.p),
    testToCbor(claims.a),
    claims.d,
    claims.iat,
    claims.exp,
    last,
  ]);
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
  const common = { s: subjectFromCbor(subject ?? null), n, c: typeof colour === 'number' ? colours[colour] : undefined, p: testFromCbor(p ?? null), a: testFromCbor(a ?? null), d, iat, exp };
  if (type === claimType.cred) {
    const raw = last instanceof Uint8Array ? decompressPoint(last) : null;
    return raw ? { payload: { t: 'cred', ...common, k: bytesToBase64url(raw) }, items } : null;
  }
  if (type === claimType.paper) return { payload: { t: 'paper', ...common, i: last }, items };
  return null;
}

const serverSigned = (kid: Uint8Array, claims: Uint8Array) => encodeCbor([context.server, kid, claims]);
const deviceSigned = (kid: Uint8Array, claims: Uint8Array, signature: Uint8Array, seconds: number) =>
  encodeCbor([context.device, kid, claims, signature, seconds]);

/** What the server issues: `[kid, claims, signature]` as base64url, for the phone to keep. */
export async function signCompactCredential(privateKey: CryptoKey, kid: string, claims: Claims): Promise<string> {
  return bytesToBase64url(await signedArray(privateKey, kid, claims));
}

async function signedArray(privateKey: CryptoKey, kid: string, claims: Claims): Promise<Uint8Array<ArrayBuffer>> {
  const kidBytes = base64urlToBytes(kid);
  if (!kidBytes || kidBytes.length === 0) throw new Error(`key id ${kid} is not base64url`);
  const claimBytes = encodeClaims(claims);
  const signature = new Uint8Array(await crypto.subtle.sign(signAlgorithm, privateKey, serverSigned(kidBytes, claimBytes)));
  return encodeCbor([kidBytes, claimBytes, signature]);
}

/** The printed QR text of a paper code. */
export async function signCompactPaperCode(privateKey: CryptoKey, kid: string, claims: PaperClaims): Promise<string> {
  return compactPrefix + bytesToBase45(await signedArray(privateKey, kid, claims));
}

interface CredentialParts {
  kid: Uint8Array;
  claims: Uint8Array;
  signature: Uint8Array;
}

function credentialParts(items: readonly CborValue[]): CredentialParts | null {
  const [kid, claims, signature] = items;
  if (!(kid instanceof Uint8Array) || !(claims instanceof Uint8Array) || !(signature instanceof Uint8Array)) return null;
  return kid.length > 0 && kid.length <= 48 && signature.length === 64 ? { kid, claims, signature } : null;
}

/** The live QR text at `now`: the kept credential plus the time, signed by the device key it is bound to. */
export async function presentCompactCode(credential: string, devicePrivateKey: CryptoKey, now: number): Promise<string> {
  const bytes = base64urlToBytes(credential);
  const decoded = bytes && decodeCbor(bytes);
  const parts = decoded && Array.isArray(decoded.value) && decoded.value.length === 3 ? credentialParts(decoded.value as readonly CborValue[]) : null;
  if (!parts) throw new Error('not a compact credential');
  const { kid, claims, signature } = parts;
  const iat = decodeClaims(claims)?.payload.iat;
  if (typeof iat !== 'number') throw new Error('compact credential without an issue time');
  const sinceIssue = Math.floor(now / 1000) - iat;
  const deviceSignature = new Uint8Array(await crypto.subtle.sign(signAlgorithm, devicePrivateKey, deviceSigned(kid, claims, signature, sinceIssue)));
  return compactPrefix + bytesToBase45(encodeCbor([kid, claims, signature, sinceIssue, deviceSignature]));
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

/**
 * Checks an SSM2 text's signatures: the server's over the claims, and for a live code the device's
 * over the credential and the time. Freshness and expiry are health-code.ts's, the same for both formats.
 */
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
