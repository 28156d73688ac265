import { describe, expect, it } from 'vitest';
import { textToBase64url } from './base64url.ts';
import { readRevocationList, subjectHash, type RevocationPayload } from './revocation-list.ts';
import { ecdsa, signToken } from './signed-token.ts';

const salt = 'c2FsdC1mb3ItdGVzdHM';

describe('revocation list', () => {
  it('hashes a subject with the salt: stable, 16 bytes, different under another salt', async () => {
    const hash = await subjectHash(salt, 'c-1');
    expect(hash).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(await subjectHash(salt, 'c-1')).toBe(hash);
    expect(await subjectHash(salt, 'c-2')).not.toBe(hash);
    expect(await subjectHash(`${salt}x`, 'c-1')).not.toBe(hash);
  });

  it('reads a list the server key signed, larger than any QR token; refuses a changed one and a credential', async () => {
    const pair = await crypto.subtle.generateKey(ecdsa, true, ['sign', 'verify']);
    const lookup = () => pair.publicKey;
    const entries: RevocationPayload['e'] = [];
    for (let i = 0; i < 200; i++) entries.push([await subjectHash(salt, `c-${i}`), 1_700_000_000 + i]);
    const payload: RevocationPayload = { t: 'revocations', v: 1_700_000_000_000, salt, e: entries };
    const token = await signToken(pair.privateKey, 'k1', payload);
    expect(token.length).toBeGreaterThan(2048);
    expect(await readRevocationList(token, lookup)).toEqual(payload);

    const [v, kid, , signature] = token.split('.');
    const emptied = [v, kid, textToBase64url(JSON.stringify({ ...payload, e: [] })), signature].join('.');
    expect(await readRevocationList(emptied, lookup)).toBeNull();
    expect(await readRevocationList(await signToken(pair.privateKey, 'k1', { t: 'cred', s: 'c-1' }), lookup)).toBeNull();
    expect(await readRevocationList(token, () => undefined)).toBeNull();
  });
});
