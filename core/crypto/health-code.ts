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
 * 3. The **paper code** (纸质码), for a relative who carries no phone: `SSM1~<paper token>`, a token
 *    marked `t: 'paper'` with no device key and no timestamp. Nothing proves it is shown live, so it
 *    lives days, not minutes, and carries the masked ID number for staff to hold against the ID card.
 *
 * 4. The **compact code** (SSM2, compact-code.ts): the same two layers as CBOR, raw signatures and Base45,
 *    for a QR of half the modules. The server issues both forms of a credential; a reader takes either.
 *
 * Everything here is pure over WebCrypto; reading never throws and every refusal has a reason.
 */
import type { CryptoKey } from './web-crypto.ts';
import * as z from 'zod/mini';
import { codeColour } from '../contract.ts';
import { base64urlToBytes, base64urlToText, bytesToBase64url } from './base64url.ts';
import { ecdsa, payloadType, signAlgorithm, unverifiedTokenType, verifyToken, type KeyLookup } from './signed-token.ts';

export const codePrefix = 'SSM1';
/** The compact form's prefix (compact-code.ts), ending in a character of QR alphanumeric mode. */
export const compactPrefix = 'SSM2:';
/** A code older than this is treated as a replayed screenshot. */
export const freshnessMs = 90_000;
/** Clocks of two phones disagree a little; a timestamp further ahead than this is refused too. */
export const futureSkewMs = 30_000;
/**
 * The server's clock wrote every code's issue time, so a reader whose clock is further behind than this
 * cannot trust its own reckoning of ages and lapses: it says it cannot judge rather than pass wrongly.
 */
export const issuerSkewMs = 5 * 60_000;

const epochSeconds = z.int().check(z.minimum(0));
/** A test as [result, epoch seconds]: `n` negative, `p` positive. */
const testFact = z.nullable(z.tuple([z.enum(['n', 'p']), epochSeconds]));

/** What every signed code says about its holder: the facts a rule set reads, and its lifetime. */
const holderClaims = {
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
  iat: epochSeconds,
  exp: epochSeconds,
};

export const credentialClaims = z.object({
  t: z.literal('cred'),
  ...holderClaims,
  /** The device's P-256 public key, raw uncompressed point, base64url. */
  k: z.string().check(z.regex(/^[A-Za-z0-9_-]{87}$/)),
});
export type CredentialClaims = z.infer<typeof credentialClaims>;

export const paperClaims = z.object({
  t: z.literal('paper'),
  ...holderClaims,
  /** Masked ID number: with no phone to bind it, the ID card is what ties a paper code to its holder. */
  i: z.string().check(z.maxLength(18)),
});
export type PaperClaims = z.infer<typeof paperClaims>;

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
  | 'expired'
  | 'paper-expired'
  | 'clock';

export type ReadCode =
  | { ok: true; kind: 'live'; claims: CredentialClaims; signedAt: number }
  | { ok: true; kind: 'paper'; claims: PaperClaims }
  | { ok: false; reason: CodeRefusal };

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

/** The QR text printed on a paper code. */
export function paperCodeText(paperToken: string): string {
  return `${codePrefix}~${paperToken}`;
}

const embeddedToken = /v1\.[A-Za-z0-9_-]{1,64}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/;

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

/** Why a server-signed payload of the wrong kind was refused: what it is, where that helps staff. */
function wrongKind(payload: unknown): CodeRefusal {
  const type = payloadType(payload);
  if (type === 'venue') return 'venue-code';
  // A phone's credential without its live device signature: a copy, not the holder's phone.
  if (type === 'cred') return 'device-signature';
  return 'malformed';
}

const issuedAfter = (now: number, iat: number) => iat * 1000 > now + issuerSkewMs;

function readPaper(payload: unknown, now: number): ReadCode {
  const claims = paperClaims.safeParse(payload);
  if (!claims.success) return { ok: false, reason: wrongKind(payload) };
  if (issuedAfter(now, claims.data.iat)) return { ok: false, reason: 'clock' };
  if (now >= claims.data.exp * 1000) return { ok: false, reason: 'paper-expired' };
  return { ok: true, kind: 'paper', claims: claims.data };
}

/** The time checks of a live code whose signatures hold, whichever format carried it. */
function readLive(claims: CredentialClaims, signedAt: number, now: number): ReadCode {
  if (issuedAfter(now, claims.iat)) return { ok: false, reason: 'clock' };
  if (signedAt > now + futureSkewMs) return { ok: false, reason: 'future' };
  if (now - signedAt > freshnessMs) return { ok: false, reason: 'stale' };
  if (now >= claims.exp * 1000) return { ok: false, reason: 'expired' };
  return { ok: true, kind: 'live', claims, signedAt };
}

async function readCompact(text: string, lookup: KeyLookup, now: number): Promise<ReadCode> {
  // Loaded on first use: the panel shares this module, and its first load has a size budget.
  const { openCompactCode } = await import('./read-compact-code.ts');
  const opened = await openCompactCode(text, lookup);
  if (!opened.ok) return opened;
  if (opened.kind === 'paper') return readPaper(opened.payload, now);
  const claims = credentialClaims.safeParse(opened.payload);
  return claims.success ? readLive(claims.data, opened.signedAt, now) : { ok: false, reason: 'malformed' };
}

/**
 * Reads a scanned text as a health code, never throwing: the server's signature and expiry always;
 * for a phone's live code also the device signature and freshness.
 */
export async function readHealthCode(text: string, lookup: KeyLookup, now: number): Promise<ReadCode> {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, reason: 'empty' };
  if (trimmed.startsWith(compactPrefix)) return readCompact(trimmed, lookup, now);
  if (!trimmed.startsWith(`${codePrefix}~`)) {
    const token = embeddedToken.exec(trimmed)?.[0];
    return { ok: false, reason: token !== undefined && unverifiedTokenType(token) === 'venue' ? 'venue-code' : 'foreign' };
  }
  const parts = trimmed.split('~');
  if (parts.length !== 2 && parts.length !== 4) return { ok: false, reason: 'malformed' };
  const [, credential = '', secondsText = '', signatureText = ''] = parts;
  if (parts.length === 4 && !/^\d{1,12}$/.test(secondsText)) return { ok: false, reason: 'malformed' };

  const verified = await verifyToken(credential, lookup);
  if (!verified.ok) {
    if (verified.reason === 'unknown-key') return { ok: false, reason: 'unknown-key' };
    if (verified.reason === 'bad-signature') return { ok: false, reason: (await colourWasChanged(credential, lookup)) ? 'tampered-colour' : 'forged' };
    return { ok: false, reason: 'malformed' };
  }
  if (parts.length === 2) return readPaper(verified.payload, now);
  const claims = credentialClaims.safeParse(verified.payload);
  if (!claims.success) return { ok: false, reason: payloadType(verified.payload) === 'venue' ? 'venue-code' : 'malformed' };

  const deviceKey = await rawToPublicKey(claims.data.k);
  const signature = base64urlToBytes(signatureText);
  if (!deviceKey || !signature || signature.length !== 64) return { ok: false, reason: 'device-signature' };
  const deviceSigned = await crypto.subtle
    .verify(signAlgorithm, deviceKey, signature, new TextEncoder().encode(`${codePrefix}~${credential}~${secondsText}`))
    .catch(() => false);
  if (!deviceSigned) return { ok: false, reason: 'device-signature' };

  return readLive(claims.data, Number(secondsText) * 1000, now);
}
