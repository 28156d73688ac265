/**
 * The compact health code (SSM2), the same signed statement as SSM1 in about half the QR modules, built
 * the way EU Digital COVID Certificates are: the claims as CBOR (cbor.ts), raw 64-byte ECDSA P-256
 * signatures, the device key as a 33-byte compressed point (p256-point.ts), and the whole as Base45
 * (base45.ts) after a short prefix, so that the QR is drawn in alphanumeric mode.
 *
 * - **Claims**: a CBOR array `[type, subject, name, colour, pcr, antigen, doses, iat, exp, key-or-id]`;
 *   type 1 is a phone's credential (last item the compressed device key), 2 a paper code (last item the
 *   masked ID number). A subject ending in a UUID carries it as 16 bytes; a test is its time, the
 *   result in the sign; the antigen is `[time, trust level]` (a bare time in codes made before levels).
 * - **Credential** (what the server issues, base64url): `[kid, claims bytes, server signature]`. The
 *   server signs the CBOR of `["SSM2", kid, claims bytes]`: the bytes sent, never a re-encoding, and
 *   a context string so a signature made for this format means nothing in any other.
 * - **Live code**: `SSM2:` + Base45 of `[kid, claims bytes, server signature, time, device signature]`,
 *   the device signing the CBOR of `["SSM2 live", kid, claims bytes, server signature, time]`; the
 *   time is in seconds from the credential's iat, 3 bytes rather than 5 for the first 18 hours.
 * - **Paper code**: `SSM2:` + Base45 of the credential array alone.
 *
 * Unlike a DCC there is no COSE envelope (its headers would cost a QR version) and no zlib (signatures
 * and keys are random bytes; the claims are too short to shrink). Reading is read-compact-code.ts's, apart
 * so that the phone's first load carries only what presenting needs.
 */
import type { CryptoKey } from './web-crypto.ts';
import type { CredentialClaims, PaperClaims } from './health-code.ts';
import { compactPrefix } from './code-prefixes.ts';
import { bytesToBase45 } from './base45.ts';
import { base64urlToBytes, bytesToBase64url } from './base64url.ts';
import { decodeCbor, encodeCbor, type CborValue } from './cbor.ts';
import { compressPoint } from './p256-point.ts';
import { signAlgorithm } from './signed-token.ts';

const context = { server: 'SSM2', device: 'SSM2 live' } as const;
export const claimType = { cred: 1, paper: 2 } as const;
export const colours = ['green', 'yellow', 'red'] as const;
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

/** A test's result rides in its time's sign: a negative test at t is −1 − t, a positive one t. */
const testToCbor = (test: Claims['p']): CborValue => (test ? (test[0] === 'n' ? -1 - test[1] : test[1]) : null);
/** The antigen's trust letter (health-code.ts) by its index here, one byte in the CBOR. */
export const trustLevels = ['i', 'v', 'r'] as const;
/** An antigen with its level is `[signed time, level index]`; one without (an older code) the bare signed time. */
function antigenToCbor(test: Claims['a']): CborValue {
  if (!test) return null;
  const time = testToCbor([test[0], test[1]]);
  return test[2] === undefined ? time : [time, trustLevels.indexOf(test[2])];
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
    antigenToCbor(claims.a),
    claims.d,
    claims.iat,
    claims.exp,
    last,
  ]);
}

export const serverSigned = (kid: Uint8Array, claims: Uint8Array) => encodeCbor([context.server, kid, claims]);
export const deviceSigned = (kid: Uint8Array, claims: Uint8Array, signature: Uint8Array, seconds: number) =>
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

export interface CredentialParts {
  kid: Uint8Array;
  claims: Uint8Array;
  signature: Uint8Array;
}

export function credentialParts(items: readonly CborValue[]): CredentialParts | null {
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
  // Only the issue time is needed here: the full decoding (and its point decompression) is the verifier's.
  const decodedClaims = decodeCbor(claims)?.value;
  const iat = Array.isArray(decodedClaims) ? (decodedClaims as readonly CborValue[])[7] : undefined;
  if (typeof iat !== 'number') throw new Error('compact credential without an issue time');
  const sinceIssue = Math.floor(now / 1000) - iat;
  const deviceSignature = new Uint8Array(await crypto.subtle.sign(signAlgorithm, devicePrivateKey, deviceSigned(kid, claims, signature, sinceIssue)));
  return compactPrefix + bytesToBase45(encodeCbor([kid, claims, signature, sinceIssue, deviceSignature]));
}
