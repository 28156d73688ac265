/**
 * The signed revocation list (core/crypto/revocation-list.ts) as the server publishes it: one entry per
 * citizen whose colour changed within the retention window, hashed with the deployment's salt, with the
 * time the change was recorded as its notBefore: a code signed before then may carry the old colour.
 */
import { randomBytes } from 'node:crypto';
import { bytesToBase64url } from '../../core/crypto/base64url.ts';
import { assembleCompactRevocations, compactBucketSeconds, compactHashBits } from '../../core/crypto/revocation-compact.ts';
import { sealRevocations } from '../../core/crypto/revocation-groups.ts';
import { revocationRetentionMs, subjectHash, type RevocationPayload } from '../../core/crypto/revocation-list.ts';
import type { Stores } from '../storage/storage.ts';
import { createSettledGroups } from './revocation-buckets.ts';
import type { Signer } from './signer.ts';

/**
 * A change is stamped when its feed batch starts and may commit a moment after a verifier took its
 * version, or on a node whose clock runs behind; a delta therefore reaches back this far before the
 * version asked about. Entries merge by subject, so one seen twice costs bytes, not correctness.
 */
export const revocationOverlapMs = 5 * 60 * 1000;

export function createRevocationService(revocations: Stores['revocations'], signer: Signer, clock: () => Date = () => new Date()) {
  let salt: Promise<string> | undefined;
  const deploymentSalt = () =>
    (salt ??= revocations.salt(() => bytesToBase64url(randomBytes(16))).catch((error: unknown) => {
      salt = undefined;
      throw error;
    }));
  const settled = createSettledGroups(revocations, revocationOverlapMs);

  return {
    /** Makes the deployment's salt if no node has yet: at start, so that reading the list never writes. */
    async prepare(): Promise<void> {
      await deploymentSalt();
    },
    /** The whole list, or with `since` (a version a verifier holds) what changed after it. */
    async list(since?: number): Promise<string> {
      const now = clock().getTime();
      const from = Math.max(now - revocationRetentionMs, since === undefined ? 0 : since - revocationOverlapMs);
      const [rows, listSalt] = await Promise.all([revocations.changedAfter(new Date(from).toISOString()), deploymentSalt()]);
      const entries: RevocationPayload['e'] = [];
      for (const row of rows) entries.push([await subjectHash(listSalt, row.citizenId), Math.floor(Date.parse(row.recordedAt) / 1000)]);
      const payload: RevocationPayload = { t: 'revocations', v: now, salt: listSalt, e: entries };
      return signer.sign(payload);
    },
    /**
     * The compact list (core/crypto/revocation-compact.ts), sealed: with a `since` inside the retention
     * window, what changed after it (reaching back by the overlap); with none, or one older than any entry
     * still kept (a verifier away for longer), the whole list, marked full so that it replaces what is held.
     * Settled buckets come from this node's cache (settledGroups), so a thousand verifiers returning after
     * a mass decision cost one reading and coding of it, not a thousand.
     */
    async compact(since?: number): Promise<Uint8Array<ArrayBuffer>> {
      const now = clock().getTime();
      const oldest = now - revocationRetentionMs;
      const full = since === undefined || since - revocationOverlapMs <= oldest;
      const from = full ? oldest : since - revocationOverlapMs;
      const listSalt = await deploymentSalt();
      const groups = await settled.groupsAfter(from, now, listSalt);
      const body = assembleCompactRevocations({ v: now, salt: listSalt, full, hashBits: compactHashBits, bucketSeconds: compactBucketSeconds }, groups);
      return sealRevocations(body, (payload) => signer.sign(payload));
    },
  };
}

export type RevocationService = ReturnType<typeof createRevocationService>;
