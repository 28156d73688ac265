/**
 * The revocation list: which subjects' codes no longer count if signed before a given time, because
 * their colour changed since. A credential verifies offline for up to a day and a paper code for days,
 * so without this a citizen who turned red would keep a green code that passes; with it, a verifier
 * that synced the list refuses a code issued (`iat`) before its subject's `notBefore`.
 *
 * The list is a signed token (signed-token.ts) by the same server keys as credentials, payload marked
 * `t: 'revocations'`. It names no one: each entry is the first 16 bytes of SHA-256 over the list's
 * published salt, a colon and the subject id (claim `s`), which a verifier computes from the code in
 * hand but which cannot be read back into an id, nor matched against another deployment's list.
 *
 * `v` is the list's version, the server time (ms) it is complete up to; a verifier asks for what
 * changed since the version it holds, and merges. Entries age out once every code signed before
 * them has expired anyway (`revocationRetentionMs`), so the list stays a day's or a few days' changes.
 */
import * as z from 'zod/mini';
import { paperCodeLifetimeDays } from '../contract/codes.ts';
import { bytesToBase64url } from './base64url.ts';
import { payloadType, verifyToken, type KeyLookup } from './signed-token.ts';

/** The longest any signed code lives (a paper code): an entry older than this can refuse nothing. */
export const revocationRetentionMs = paperCodeLifetimeDays * 24 * 3600 * 1000;

/** A list holds one entry per subject changed in the retention window; this bounds what a verifier parses. */
export const maxRevocationListLength = 64 * 1024 * 1024;

const subjectHashText = z.string().check(z.regex(/^[A-Za-z0-9_-]{22}$/));

export const revocationPayload = z.object({
  t: z.literal('revocations'),
  v: z.int().check(z.minimum(0)),
  /** Published with the list; a verifier that holds entries under another salt starts again from nothing. */
  salt: z.string().check(z.regex(/^[A-Za-z0-9_-]{16,64}$/)),
  /** [subject hash, notBefore in Unix seconds]: a code of that subject with `iat` earlier is refused. */
  e: z.array(z.tuple([subjectHashText, z.int().check(z.minimum(0))])),
});
export type RevocationPayload = z.infer<typeof revocationPayload>;

export async function subjectHash(salt: string, subject: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${salt}:${subject}`));
  return bytesToBase64url(new Uint8Array(digest).slice(0, 16));
}

/** The list's payload if the server signed it, else null: a list is trusted only as far as its signature. */
export async function readRevocationList(token: string, lookup: KeyLookup): Promise<RevocationPayload | null> {
  const verified = await verifyToken(token, lookup, maxRevocationListLength);
  if (!verified.ok || payloadType(verified.payload) !== 'revocations') return null;
  const parsed = revocationPayload.safeParse(verified.payload);
  return parsed.success ? parsed.data : null;
}
