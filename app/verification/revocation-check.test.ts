import { describe, expect, it } from 'vitest';
import { compactSubjectHash, decodeCompactRevocations, encodeCompactRevocations, readCompactHeader, type CompactHeader } from '../../core/crypto/revocation-compact.ts';
import { groupEntries } from '../../core/crypto/revocation-groups.ts';
import { revocationRetentionMs } from '../../core/crypto/revocation-list.ts';
import { applyRevocations, CorruptList, mayBeRevoked } from './revocation-check.ts';

const salt = 'dGVzdC1zYWx0LXZhbHVl';
const now = Date.UTC(2022, 3, 2, 8);
const nowSeconds = now / 1000;
const bits = 31;
const noPause = () => Promise.resolve();

async function list(entries: [string, number][], options: { salt?: string; v?: number; full?: boolean } = {}): Promise<CompactHeader> {
  const listSalt = options.salt ?? salt;
  const hashed = await Promise.all(entries.map(async ([subject, notBefore]) => ({ hash: await compactSubjectHash(listSalt, subject, bits), notBefore })));
  const body = encodeCompactRevocations({ v: options.v ?? now, salt: listSalt, full: options.full ?? false, hashBits: bits, bucketSeconds: 1800, groups: groupEntries(hashed, 1800) });
  const header = readCompactHeader(body);
  if (!header) throw new Error('the encoder wrote what its reader refuses');
  return header;
}

describe('mayBeRevoked', () => {
  it('asks to recheck a code signed before its subject changed, and only that', async () => {
    const held = await applyRevocations(null, await list([['c-red', nowSeconds - 60]]), now, noPause);
    expect(await mayBeRevoked(held, { s: 'c-red', iat: nowSeconds - 3600 })).toBe(true);
    expect(await mayBeRevoked(held, { s: 'c-red', iat: nowSeconds - 61 })).toBe(true);
    // Signed at or after the latest change of its group: it carries the new colour.
    expect(await mayBeRevoked(held, { s: 'c-red', iat: nowSeconds - 60 })).toBe(false);
    expect(await mayBeRevoked(held, { s: 'c-other', iat: nowSeconds - 3600 })).toBe(false);
  });

  it('asks nothing without a list', async () => {
    expect(await mayBeRevoked(null, { s: 'c-red', iat: 0 })).toBe(false);
  });
});

describe('applyRevocations', () => {
  it('folds a delta into the held list, keeping each bucket’s latest change and the new version', async () => {
    const first = await applyRevocations(null, await list([['a', nowSeconds - 600], ['b', nowSeconds - 500]], { v: now - 1000, full: true }), now - 1000, noPause);
    const merged = await applyRevocations(first, await list([['a', nowSeconds - 100], ['c', nowSeconds - 900]]), now, noPause);
    expect(merged.version).toBe(now);
    expect(merged.syncedAt).toBe(now);
    expect(await mayBeRevoked(merged, { s: 'a', iat: nowSeconds - 200 })).toBe(true);
    expect(await mayBeRevoked(merged, { s: 'b', iat: nowSeconds - 600 })).toBe(true);
    expect(await mayBeRevoked(merged, { s: 'c', iat: nowSeconds - 1000 })).toBe(true);
    expect(merged.groups.reduce((sum, group) => sum + group.hashes.length, 0)).toBe(3);
  });

  it('lets a whole list replace what is held', async () => {
    const held = await applyRevocations(null, await list([['a', nowSeconds - 60]]), now, noPause);
    const replaced = await applyRevocations(held, await list([['b', nowSeconds - 60]], { full: true }), now, noPause);
    expect(await mayBeRevoked(replaced, { s: 'a', iat: 0 })).toBe(false);
    expect(await mayBeRevoked(replaced, { s: 'b', iat: 0 })).toBe(true);
  });

  it('drops groups no living code can predate', async () => {
    const oldest = (now - revocationRetentionMs) / 1000;
    const merged = await applyRevocations(null, await list([['gone', oldest - 3600], ['kept', oldest + 3600]]), now, noPause);
    expect(merged.groups.map((group) => group.hi)).toEqual([oldest + 3600]);
  });

  it('starts again from nothing when the server’s salt changed', async () => {
    const held = await applyRevocations(null, await list([['a', nowSeconds - 60]]), now, noPause);
    const merged = await applyRevocations(held, await list([['b', nowSeconds - 60]], { salt: 'YW5vdGhlci1zYWx0LXZhbHVl' }), now, noPause);
    expect(merged.salt).toBe('YW5vdGhlci1zYWx0LXZhbHVl');
    expect(await mayBeRevoked(merged, { s: 'a', iat: 0 })).toBe(false);
    expect(await mayBeRevoked(merged, { s: 'b', iat: 0 })).toBe(true);
  });

  it('yields between slices of a large group and holds the same as decoded at once', async () => {
    const entries = Array.from({ length: 50_000 }, (_, i) => ({ hash: Math.imul(i + 1, 2654435761) >>> 1, notBefore: nowSeconds - 60 }));
    const body = encodeCompactRevocations({ v: now, salt, full: true, hashBits: bits, bucketSeconds: 1800, groups: groupEntries(entries, 1800) });
    let pauses = 0;
    const header = readCompactHeader(body);
    if (!header) throw new Error('unreadable');
    const sliced = await applyRevocations(null, header, now, () => {
      pauses++;
      return Promise.resolve();
    });
    expect(pauses).toBeGreaterThanOrEqual(3);
    expect(sliced.groups).toEqual(decodeCompactRevocations(body)?.groups);
    expect(sliced.groups[0]?.hashes.length).toBe(50_000);
  });

  it('refuses a group whose bits do not decode', async () => {
    // One value in 31 bits leaves one bit of padding, set here: the encoder pads with zeros only.
    const body = encodeCompactRevocations({ v: now, salt, full: true, hashBits: bits, bucketSeconds: 1800, groups: [{ bucket: 0, hi: 10, hashes: Uint32Array.of(5) }] });
    body[body.length - 1] = (body[body.length - 1] ?? 0) | 1;
    const header = readCompactHeader(body);
    if (!header) throw new Error('unreadable');
    await expect(applyRevocations(null, header, now, noPause)).rejects.toBeInstanceOf(CorruptList);
  });
});
