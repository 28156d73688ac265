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
 * Everything here is pure over WebCrypto. Reading a scanned code is read-health-code.ts's, which only
 * the verifier loads: the phone's first load carries what showing a code needs and no more.
 */
import type { CryptoKey } from './web-crypto.ts';
import * as z from 'zod/mini';
import { codeColour } from '../contract/common.ts';
import { base64urlToBytes, bytesToBase64url } from './base64url.ts';
import { ecdsa } from './signed-token.ts';

import { codePrefix } from './code-prefixes.ts';

export { codePrefix, compactPrefix } from './code-prefixes.ts';
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
const testResult = z.enum(['n', 'p']);
/** A test as [result, epoch seconds]: `n` negative, `p` positive. */
const testFact = z.nullable(z.tuple([testResult, epochSeconds]));
/** How an antigen result was established, one letter: 机构检测 i, 自测·已核验 v, 自测·待复核 r (a declared positive waiting for review still counts). */
const trustLetter = z.enum(['i', 'v', 'r']);
/**
 * An antigen test as [result, epoch seconds, trust letter]. A code issued before levels were carried has
 * no third item: its level is unknown, and a rule that asks for a level does not accept it.
 */
const antigenFact = z.nullable(z.union([z.tuple([testResult, epochSeconds, trustLetter]), z.tuple([testResult, epochSeconds])]));

/** What every signed code says about its holder: the facts a rule set reads, and its lifetime. */
const holderClaims = {
  /** Subject: the citizen id. */
  s: z.string().check(z.maxLength(64)),
  /** Masked name, the only personal detail a verifier sees. */
  n: z.string().check(z.maxLength(32)),
  c: codeColour,
  /** Latest PCR by sampling time. */
  p: testFact,
  /** Latest decisive antigen result by test time, with its trust level. */
  a: antigenFact,
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
  /**
   * Masked document number: with no phone to bind it, the ID card (or passport, permit) is what ties a paper
   * code to its holder. Other documents than the resident ID carry their type (core/identity/paper-id.ts).
   */
  i: z.string().check(z.maxLength(24)),
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

/** The QR text printed on a paper code. */
export function paperCodeText(paperToken: string): string {
  return `${codePrefix}~${paperToken}`;
}
