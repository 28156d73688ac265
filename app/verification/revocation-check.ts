/**
 * The verifier's side of the revocation list, pure: folding what the server sent into the list held,
 * and whether a code was issued before its subject's colour changed. A code of a subject not listed,
 * or issued at or after the change, stands; the list never makes a code pass that failed otherwise.
 */
import { revocationRetentionMs, subjectHash, type RevocationPayload } from '../../core/crypto/revocation-list.ts';
import type { HeldRevocations } from '../offline/revocation-store.ts';

/**
 * The held list with the server's answer folded in: each subject keeps its latest notBefore, and
 * entries older than any code that could predate them are dropped. A list under another salt (the
 * server's was replaced) shares nothing with the held one, so the held entries go.
 */
export function mergeRevocations(held: HeldRevocations | null, received: RevocationPayload, now: number): HeldRevocations {
  const merged = new Map(held?.salt === received.salt ? Object.entries(held.entries) : []);
  for (const [hash, notBefore] of received.e) merged.set(hash, Math.max(merged.get(hash) ?? 0, notBefore));
  const oldest = (now - revocationRetentionMs) / 1000;
  const entries = Object.fromEntries([...merged].filter(([, notBefore]) => notBefore >= oldest));
  return { salt: received.salt, version: received.v, entries, syncedAt: now };
}

/** True when the list says this code predates a change of its subject's colour. */
export async function issuedBeforeChange(held: HeldRevocations | null, claims: { s: string; iat: number }): Promise<boolean> {
  if (!held) return false;
  const notBefore = held.entries[await subjectHash(held.salt, claims.s)];
  return notBefore !== undefined && claims.iat < notBefore;
}
