import { describe, expect, it } from 'vitest';
import { revocationRetentionMs, subjectHash, type RevocationPayload } from '../../core/crypto/revocation-list.ts';
import { issuedBeforeChange, mergeRevocations } from './revocation-check.ts';

const salt = 'dGVzdC1zYWx0LXZhbHVl';
const now = Date.UTC(2022, 3, 2, 8);
const nowSeconds = now / 1000;
const list = async (entries: [string, number][], listSalt = salt, v = now): Promise<RevocationPayload> => ({
  t: 'revocations',
  v,
  salt: listSalt,
  e: await Promise.all(entries.map(async ([subject, notBefore]): Promise<[string, number]> => [await subjectHash(listSalt, subject), notBefore])),
});

describe('issuedBeforeChange', () => {
  it('refuses a code issued before its subject changed, and only that', async () => {
    const held = mergeRevocations(null, await list([['c-red', nowSeconds - 60]]), now);
    expect(await issuedBeforeChange(held, { s: 'c-red', iat: nowSeconds - 3600 })).toBe(true);
    expect(await issuedBeforeChange(held, { s: 'c-red', iat: nowSeconds - 61 })).toBe(true);
    // Issued at or after the change: it carries the new colour.
    expect(await issuedBeforeChange(held, { s: 'c-red', iat: nowSeconds - 60 })).toBe(false);
    expect(await issuedBeforeChange(held, { s: 'c-other', iat: nowSeconds - 3600 })).toBe(false);
  });

  it('refuses nothing without a list', async () => {
    expect(await issuedBeforeChange(null, { s: 'c-red', iat: 0 })).toBe(false);
  });
});

describe('mergeRevocations', () => {
  it('folds a delta into the held list, keeping each subject’s latest change and the new version', async () => {
    const first = mergeRevocations(null, await list([['a', nowSeconds - 600], ['b', nowSeconds - 500]], salt, now - 1000), now - 1000);
    const merged = mergeRevocations(first, await list([['a', nowSeconds - 100], ['b', nowSeconds - 900]]), now);
    expect(merged.version).toBe(now);
    expect(merged.syncedAt).toBe(now);
    expect(await issuedBeforeChange(merged, { s: 'a', iat: nowSeconds - 200 })).toBe(true);
    expect(await issuedBeforeChange(merged, { s: 'b', iat: nowSeconds - 600 })).toBe(true);
    expect(Object.keys(merged.entries)).toHaveLength(2);
  });

  it('drops entries no living code can predate', async () => {
    const oldest = (now - revocationRetentionMs) / 1000;
    const merged = mergeRevocations(null, await list([['gone', oldest - 1], ['kept', oldest + 1]]), now);
    expect(Object.values(merged.entries)).toEqual([oldest + 1]);
  });

  it('starts again from nothing when the server’s salt changed', async () => {
    const held = mergeRevocations(null, await list([['a', nowSeconds - 60]]), now);
    const merged = mergeRevocations(held, await list([['b', nowSeconds - 60]], 'YW5vdGhlci1zYWx0LXZhbHVl'), now);
    expect(merged.salt).toBe('YW5vdGhlci1zYWx0LXZhbHVl');
    expect(await issuedBeforeChange(merged, { s: 'a', iat: 0 })).toBe(false);
    expect(await issuedBeforeChange(merged, { s: 'b', iat: 0 })).toBe(true);
  });
});
