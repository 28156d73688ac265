/**
 * The verifier's side of the compact revocation list: folding what the server sent into the list held,
 * a slice at a time so that the screen keeps answering while half a million entries land, and whether a
 * code may predate a change of its subject's colour. A code of a subject not listed, or signed after
 * every change its hash is listed with, stands; the list never makes a code pass that failed otherwise.
 */
import { compactSubjectHash, type CompactHeader, type RevocationGroup } from '../../core/crypto/revocation-compact.ts';
import { mayPredateChange, mergeGroup } from '../../core/crypto/revocation-groups.ts';
import { revocationRetentionMs } from '../../core/crypto/revocation-list.ts';
import type { HeldRevocations } from '../offline/revocation-store.ts';

/** Values decoded between two yields: under 50 ms (a long task) on a phone-class CPU, measured at 4× throttle. */
const sliceValues = 10_000;

export class CorruptList extends Error {}

/** Lets a frame paint and input run before the next slice: a message task, without setTimeout's 4 ms clamp. */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/**
 * The held list with the server's answer folded in. A whole list, or one under another salt, width or
 * bucket (the server's was replaced), shares nothing with the held one, so the held groups go; groups
 * whose latest change is older than any code that could predate it are dropped.
 */
export async function applyRevocations(
  held: HeldRevocations | null,
  received: CompactHeader,
  now: number,
  pause: () => Promise<void> = nextTask,
): Promise<HeldRevocations> {
  const compatible = held && !received.full && held.salt === received.salt && held.hashBits === received.hashBits && held.bucketSeconds === received.bucketSeconds;
  let groups: RevocationGroup[] = compatible ? held.groups : [];
  for (const group of received.groups) {
    const decoder = group.decoder();
    let state = decoder.step(sliceValues);
    while (state === 'more') {
      await pause();
      state = decoder.step(sliceValues);
    }
    if (state === 'corrupt') throw new CorruptList('A group of the revocation list does not decode.');
    groups = mergeGroup(groups, { bucket: group.bucket, hi: group.hi, hashes: decoder.values });
    await pause();
  }
  const oldest = (now - revocationRetentionMs) / 1000;
  return {
    salt: received.salt,
    hashBits: received.hashBits,
    bucketSeconds: received.bucketSeconds,
    version: received.v,
    groups: groups.filter((group) => group.hi >= oldest),
    syncedAt: now,
  };
}

/** True when the list says this code may predate a change of its subject's colour: a recheck, not a verdict. */
export async function mayBeRevoked(held: HeldRevocations | null, claims: { s: string; iat: number }): Promise<boolean> {
  if (!held) return false;
  return mayPredateChange(held.groups, await compactSubjectHash(held.salt, claims.s, held.hashBits), claims.iat);
}
