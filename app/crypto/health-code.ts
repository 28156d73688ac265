/**
 * The signed health code, in two layers:
 *
 * 1. The **credential**: a compact signed token (signed-token.ts) from the server, payload marked
 *    `t: 'cred'` with short field names so the QR stays small. It carries the device's public key,
 *    which binds it to the one phone that asked for it.
 * 2. The **code** shown as the QR: `SSM1~<credential>~<unix seconds>~<device signature>`. The device
 *    signs `SSM1~<credential>~<seconds>` with its non-extractable private key every minute, so a
 *    screenshot carries a timestamp that a verifier will find stale after 90 s, and a copied
 *    credential is useless without the device that holds the key.
 *
 * Everything here is pure over WebCrypto; reading never throws and every refusal has a reason.
 */
import * as z from 'zod/mini';
import { codeColour } from '../api/contract.ts';
import { base64urlToBytes, base64urlToText, bytesToBase64url } from './base64url.ts';
import { ecdsa, verifyToken, type KeyLookup } from './signed-token.ts';

export const codePrefix = 'SSM1';
/** A code older than this is treated as a replayed screenshot. */
export const freshnessMs = 90_000;
/** Clocks of two phones disagree a little; a timestamp further ahead than this is refused too. */
export const futureSkewMs = 30_000;

const signAlgorithm = { name: 'ECDSA', hash: 'SHA-256' } as const;
const epochSeconds = z.int().check(z.minimum(0));
/** A test as [result, epoch seconds]: `n` negative, `p` positive. */
const testFact = z.nullable(z.tuple([z.enum(['n', 'p']), epochSeconds]));

export const credentialClaims = z.object({
  t: z.literal('cred'),
  /** Subject: the citizen id. */
  s: z.string().check(z.maxLength(64)),
  /** Masked name, the only personal detail a verifier sees. */
  n: z.string().check(z.maxLength(32)),
  c: codeColour,
  /** Latest PCR by sampling time. */
  p: testFact,
  /** Latest decisive antigen self-test by test time. */
  a: testFact,
  /** Vaccine doses received. */
  d: z.int().check(z.minimum(0), z.maximum(20)),
  /** The device's P-256 public key, raw uncompressed point, base64url. */
  k: z.string().check(z.regex(/^[A-Za-z0-9_-]{87}$/)),
  iat: epochSeconds,
  exp: epochSeconds,
});
export type CredentialClaims = z.infer<typeof credentialClaims>;

export type CodeRefusal =
  | 'empty'
  | 'venue-code'
  | 'foreign'
  | 'malformed'
  | 'unknown-key'
  | 'forged'
  | 'tampered-colour'
  | 'device-signature'
  | 'stale'
  | 'future'
  | 'expired';

export type ReadCode = { ok: true; claims: CredentialClaims; signedAt: number } | { ok: false; reason: CodeRefusal };

export async function publicKeyToRaw(publicKey: CryptoKey): Promise<string> {
  return bytesToBase64url(new Uint8Array(await crypto.subtle.exportKey('raw', publicKey)));
}

export async function rawToPublicKey(raw: string): Promise<CryptoKey | null> {
  const bytes = base64urlToBytes(raw);
  if (!bytes || bytes.length !== 65) return null;
  return crypto.subtle.importKey('raw', bytes, ecdsa, true, ['verify']).catch(() => null);
}

/** The QR text for a credential at `now`, signed by the device key the credential is bound to. */
export async function presentCode(credential: string, devicePrivateKey: CryptoKey, now: number): Promise<string> {
  const signed = `${codePrefix}~${credential}~${Math.floor(now / 1000)}`;
  const signature = await crypto.subtle.sign(signAlgorithm, devicePrivateKey, new TextEncoder().encode(signed));
  return `${signed}~${bytesToBase64url(new Uint8Array(signature))}`;
}

const embeddedToken = /v1\.[A-Za-z0-9_-]{1,64}\.([A-Za-z0-9_-]+)\.[A-Za-z0-9_-]+/;

/** The type marker of a token's payload, read without trusting it: only to say what was scanned. */
function tokenType(payloadPart: string): unknown {
  const text = base64urlToText(payloadPart);
  if (text === null) return undefined;
  try {
    const payload = JSON.parse(text) as unknown;
    return typeof payload === 'object' && payload !== null && 't' in payload ? payload.t : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A credential that fails its signature but verifies once its colour is put back was changed only in
 * its colour: a verifier says so, which is more use to staff than "forged".
 */
async function colourWasChanged(credential: string, lookup: KeyLookup): Promise<boolean> {
  const [version, kid, payloadPart, signature] = credential.split('.');
  const text = payloadPart === undefined ? null : base64urlToText(payloadPart);
  if (text === null) return false;
  const shown = /"c":"(green|yellow|red)"/.exec(text)?.[1];
  if (!shown) return false;
  for (const colour of codeColour.options) {
    if (colour === shown) continue;
    const original = text.replace(`"c":"${shown}"`, `"c":"${colour}"`);
    const candidate = [version, kid, bytesToBase64url(new TextEncoder().encode(original)), signature].join('.');
    if ((await verifyToken(candidate, lookup)).ok) return true;
  }
  return false;
}

/** Reads a scanned text as a health code: both signatures, freshness, expiry; never throws. */
export async function readHealthCode(text: string, lookup: KeyLookup, now: number): Promise<ReadCode> {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, reason: 'empty' };
  if (!trimmed.startsWith(`${codePrefix}~`)) {
    const token = embeddedToken.exec(trimmed);
    return { ok: false, reason: token?.[1] !== undefined && tokenType(token[1]) === 'venue' ? 'venue-code' : 'foreign' };
  }
  const parts = trimmed.split('~');
  if (parts.length !== 4) return { ok: false, reason: 'malformed' };
  const [, credential, secondsText, signatureText] = parts as [string, string, string, string];
  if (!/^\d{1,12}$/.test(secondsText)) return { ok: false, reason: 'malformed' };

  const verified = await verifyToken(credential, lookup);
  if (!verified.ok) {
    if (verified.reason === 'unknown-key') return { ok: false, reason: 'unknown-key' };
    if (verified.reason === 'bad-signature') return { ok: false, reason: (await colourWasChanged(credential, lookup)) ? 'tampered-colour' : 'forged' };
    return { ok: false, reason: 'malformed' };
  }
  const claims = credentialClaims.safeParse(verified.payload);
  if (!claims.success) {
    return { ok: false, reason: typeof verified.payload === 'object' && verified.payload !== null && 't' in verified.payload && verified.payload.t === 'venue' ? 'venue-code' : 'malformed' };
  }

  const deviceKey = await rawToPublicKey(claims.data.k);
  const signature = base64urlToBytes(signatureText);
  if (!deviceKey || !signature || signature.length !== 64) return { ok: false, reason: 'device-signature' };
  const deviceSigned = await crypto.subtle
    .verify(signAlgorithm, deviceKey, signature, new TextEncoder().encode(`${codePrefix}~${credential}~${secondsText}`))
    .catch(() => false);
  if (!deviceSigned) return { ok: false, reason: 'device-signature' };

  const signedAt = Number(secondsText) * 1000;
  if (signedAt > now + futureSkewMs) return { ok: false, reason: 'future' };
  if (now - signedAt > freshnessMs) return { ok: false, reason: 'stale' };
  if (now >= claims.data.exp * 1000) return { ok: false, reason: 'expired' };
  return { ok: true, claims: claims.data, signedAt };
}
