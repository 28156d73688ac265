/**
 * The compact list's groups as one node serves them: a time bucket that nothing can be recorded in any
 * more is read, hashed and Rice-coded once and its bytes kept; each request reads only the rows of its
 * partial first bucket and of the buckets still open. Each node keeps its own, made from the database
 * alone, so nodes stay interchangeable (a node's answer is byte-equal to an uncached one's).
 */
import { createHash } from 'node:crypto';
import { compactBucketSeconds, compactHashBits, encodeRevocationGroup, hashPrefix } from '../../core/crypto/revocation-compact.ts';
import { groupEntries } from '../../core/crypto/revocation-groups.ts';
import { revocationRetentionMs } from '../../core/crypto/revocation-list.ts';
import type { Stores } from '../storage/storage.ts';

const bucketMs = compactBucketSeconds * 1000;
const iso = (ms: number) => new Date(ms).toISOString();
/** Bucket `b` holds changes recorded in [b·bucketMs, (b+1)·bucketMs). */
const bucketStart = (bucket: number) => bucket * bucketMs;

export function createSettledGroups(revocations: Stores['revocations'], overlapMs: number) {
  /**
   * A change is stamped when its feed batch starts and may commit up to the overlap later; a bucket is
   * settled once twice that has passed since its end, so no commit can still land in it.
   */
  const settleMs = 2 * overlapMs;
  /** Encoded group by bucket (empty bytes: no change in it), for one salt. */
  let kept = new Map<number, Uint8Array>();
  let keptSalt = '';

  /** The rows' groups, coded, with the bucket each is for. */
  const encode = (rows: readonly { citizenId: string; recordedAt: string }[], salt: string) =>
    groupEntries(
      // Node's hash, not WebCrypto's promise per entry: half a million entries hash in a fraction of a second.
      rows.map((row) => ({ hash: hashPrefix(createHash('sha256').update(`${salt}:${row.citizenId}`).digest(), compactHashBits), notBefore: Math.floor(Date.parse(row.recordedAt) / 1000) })),
      compactBucketSeconds,
    ).map((group) => ({ bucket: group.bucket, bytes: encodeRevocationGroup(group, compactHashBits, compactBucketSeconds) }));
  const encodedBytes = (rows: readonly { citizenId: string; recordedAt: string }[], salt: string) => encode(rows, salt).map((group) => group.bytes);

  /** Reads and keeps the settled buckets from `first` to `last` not kept yet, in one range query. */
  async function fill(first: number, last: number, salt: string): Promise<void> {
    let missingFrom = first;
    while (missingFrom <= last && kept.has(missingFrom)) missingFrom += 1;
    let missingTo = last;
    while (missingTo >= missingFrom && kept.has(missingTo)) missingTo -= 1;
    if (missingFrom > missingTo) return;
    const rows = await revocations.revokingAfter(iso(bucketStart(missingFrom) - 1), iso(bucketStart(missingTo + 1)));
    const read = new Map(encode(rows, salt).map((group) => [group.bucket, group.bytes]));
    for (let bucket = missingFrom; bucket <= missingTo; bucket += 1) if (!kept.has(bucket)) kept.set(bucket, read.get(bucket) ?? new Uint8Array(0));
  }

  return {
    /** The encoded groups of every change recorded after `from` (ms), in bucket order, as of `now`. */
    async groupsAfter(from: number, now: number, salt: string): Promise<Uint8Array[]> {
      if (salt !== keptSalt) {
        kept = new Map();
        keptSalt = salt;
      }
      for (const bucket of kept.keys()) if (bucketStart(bucket + 1) <= now - revocationRetentionMs) kept.delete(bucket);
      // Whole buckets after the one `from` falls in, up to the last settled one.
      const first = Math.floor(from / bucketMs) + 1;
      const last = Math.floor((now - settleMs) / bucketMs) - 1;
      if (first > last) return encodedBytes(await revocations.revokingAfter(iso(from)), salt);
      const [head, tail] = await Promise.all([
        revocations.revokingAfter(iso(from), iso(bucketStart(first))),
        revocations.revokingAfter(iso(bucketStart(last + 1) - 1)),
        fill(first, last, salt),
      ]);
      const middle: Uint8Array[] = [];
      for (let bucket = first; bucket <= last; bucket += 1) {
        const bytes = kept.get(bucket);
        if (bytes && bytes.length > 0) middle.push(bytes);
      }
      return [...encodedBytes(head, salt), ...middle, ...encodedBytes(tail, salt)];
    },
  };
}
