import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { compactSubjectHash, decodeCompactRevocations, encodeCompactRevocations, hashPrefix, type CompactRevocations } from './revocation-compact.ts';
import { groupEntries, mayPredateChange, mergeGroup, openRevocations, sealRevocations, unionSorted } from './revocation-groups.ts';
import { subjectHash } from './revocation-list.ts';
import { base64urlToBytes } from './base64url.ts';
import { ecdsa, signToken } from './signed-token.ts';

const salt = 'c2FsdC1mb3ItdGVzdHM';
const list = (entries: { hash: number; notBefore: number }[], hashBits = 32, bucketSeconds = 900): CompactRevocations => ({
  v: 1_700_000_000_123,
  salt,
  full: false,
  hashBits,
  bucketSeconds,
  groups: groupEntries(entries, bucketSeconds),
});

const entriesArb = (hashBits: number) =>
  fc.array(fc.record({ hash: fc.integer({ min: 0, max: 2 ** hashBits - 1 }), notBefore: fc.integer({ min: 1_600_000_000, max: 1_600_020_000 }) }), { maxLength: 400 });

describe('compact revocation list', () => {
  it('hashes a subject to the top bits of the list hash of revocation-list.ts, the same in Node', async () => {
    const full = base64urlToBytes(await subjectHash(salt, 'c-1')) ?? new Uint8Array(16);
    expect(await compactSubjectHash(salt, 'c-1', 32)).toBe(new DataView(full.buffer, full.byteOffset).getUint32(0));
    expect(await compactSubjectHash(salt, 'c-1', 20)).toBe(hashPrefix(full, 32) >>> 12);
    expect(hashPrefix(createHash('sha256').update(`${salt}:c-1`).digest(), 31)).toBe(await compactSubjectHash(salt, 'c-1', 31));
  });

  it('round-trips any set of entries at any width and bucket', () => {
    fc.assert(
      fc.property(fc.integer({ min: 8, max: 32 }).chain((bits) => fc.tuple(fc.constant(bits), entriesArb(bits), fc.integer({ min: 1, max: 7200 }))), ([bits, entries, bucket]) => {
        const original = list(entries, bits, bucket);
        expect(decodeCompactRevocations(encodeCompactRevocations(original))).toEqual(original);
      }),
    );
  });

  it('finds every listed subject signed before its change, and none signed after its group', () => {
    fc.assert(
      fc.property(entriesArb(32), (entries) => {
        const groups = decodeCompactRevocations(encodeCompactRevocations(list(entries)))?.groups ?? [];
        for (const { hash, notBefore } of entries) {
          expect(mayPredateChange(groups, hash, notBefore - 1)).toBe(true);
          expect(mayPredateChange(groups, hash, 1_600_020_001)).toBe(false);
        }
      }),
    );
  });

  it('is about 1.5 bits above log2(2^bits / n) an entry', () => {
    const entries = Array.from({ length: 20_000 }, (_, i) => ({ hash: (Math.imul(i + 1, 2654435761) >>> 0) % 2 ** 31, notBefore: 1_600_000_000 }));
    const bytes = encodeCompactRevocations(list(entries, 31, 3600)).length;
    expect((bytes * 8) / 20_000).toBeLessThan(31 - Math.log2(20_000) + 2);
  });

  it('refuses every cut-short, lengthened or flipped encoding rather than read something else', () => {
    const bytes = encodeCompactRevocations(list(Array.from({ length: 300 }, (_, i) => ({ hash: i * 7919 * 4099, notBefore: 1_600_000_000 + i * 37 }))));
    for (let length = 0; length < bytes.length; length++) expect(decodeCompactRevocations(bytes.subarray(0, length))).toBeNull();
    expect(decodeCompactRevocations(Uint8Array.from([...bytes, 0]))).toBeNull();
    const magic = bytes.slice();
    magic[0] = 0x58;
    expect(decodeCompactRevocations(magic)).toBeNull();
    // A flipped bit may still decode (Rice codes are dense); the signature catches it, below.
    fc.assert(
      fc.property(fc.integer({ min: 0, max: bytes.length * 8 - 1 }), (bit) => {
        const flipped = bytes.slice();
        flipped[bit >>> 3] = (flipped[bit >>> 3] ?? 0) ^ (0x80 >>> (bit & 7));
        const read = decodeCompactRevocations(flipped);
        if (read) expect(read).not.toEqual(decodeCompactRevocations(bytes));
      }),
    );
  });

  it('merges groups of the same bucket as a union, keeping the later change', () => {
    fc.assert(
      fc.property(entriesArb(32), entriesArb(32), (a, b) => {
        let held = groupEntries(a, 900);
        for (const group of groupEntries(b, 900)) held = mergeGroup(held, group);
        expect(held).toEqual(groupEntries([...a, ...b], 900));
      }),
    );
    expect([...unionSorted(Uint32Array.of(1, 4, 9), Uint32Array.of(0, 4, 10))]).toEqual([0, 1, 4, 9, 10]);
  });

  it('opens a list only as the server signed it', async () => {
    const pair = await crypto.subtle.generateKey(ecdsa, true, ['sign', 'verify']);
    const body = encodeCompactRevocations(list([{ hash: 5, notBefore: 1_600_000_000 }]));
    const sealed = await sealRevocations(body, (payload) => signToken(pair.privateKey, 'k1', payload));
    expect(await openRevocations(sealed, () => pair.publicKey)).toEqual(body);
    for (const at of [0, body.length - 1, sealed.length - 1]) {
      const changed = sealed.slice();
      changed[at] = (changed[at] ?? 0) ^ 1;
      expect(await openRevocations(changed, () => pair.publicKey)).toBeNull();
    }
    expect(await openRevocations(sealed.subarray(1), () => pair.publicKey)).toBeNull();
    expect(await openRevocations(sealed, () => undefined)).toBeNull();
    const credential = await sealRevocations(body, async () => signToken(pair.privateKey, 'k1', { t: 'cred', d: 'x' }));
    expect(await openRevocations(credential, () => pair.publicKey)).toBeNull();
  });
});
