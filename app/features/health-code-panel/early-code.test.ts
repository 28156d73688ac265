import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { base64urlToBytes } from '../../../core/crypto/base64url.ts';
import { ecdsa, signAlgorithm } from '../../../core/crypto/signed-token.ts';
import { storage, walletDb } from '../../offline/db.ts';

/** A fresh copy of the module for each test: the early code is made once per page. */
const earlyCodeModule = () => import('./early-code.ts');

async function signedIn(citizenId: string, options: { withKey: boolean }) {
  const db = await walletDb();
  await db.put(storage.stores.settings, citizenId, 'last-citizen');
  await db.put(storage.stores.credentials, { subjectId: citizenId, token: `token-of-${citizenId}`, expiresAt: Date.now() + 3_600_000, savedAt: Date.now() });
  if (options.withKey) await (await import('../../offline/credential-store.ts')).deviceKeyFor(citizenId);
}

afterEach(async () => {
  vi.resetModules();
  const db = await walletDb();
  for (const store of [storage.stores.settings, storage.stores.credentials, storage.stores.deviceKeys]) await db.clear(store);
});

describe('early code', () => {
  it('is the last citizen’s kept credential signed with their kept key, given once and only for that credential', async () => {
    await signedIn('demo-a', { withKey: true });
    const { startEarlyCode, earlyCodeSettled, takeEarlyCode } = await earlyCodeModule();
    startEarlyCode();
    await earlyCodeSettled(5_000);

    expect(takeEarlyCode('demo-a', 'token-of-someone-else')).toBeNull();
    expect(takeEarlyCode('demo-b', 'token-of-demo-a')).toBeNull();
    const code = takeEarlyCode('demo-a', 'token-of-demo-a');
    expect(code?.kind).toBe('ready');
    if (code?.kind !== 'ready') return;
    expect(code.text).toMatch(/^SSM1~token-of-demo-a~\d+~[\w-]+$/);
    const kept = await (await walletDb()).get(storage.stores.deviceKeys, 'demo-a');
    if (!kept) throw new Error('the device key is gone');
    const publicKey = await crypto.subtle.importKey('jwk', kept.publicJwk, ecdsa, false, ['verify']);
    const signed = code.text.slice(0, code.text.lastIndexOf('~'));
    const signature = base64urlToBytes(code.text.slice(code.text.lastIndexOf('~') + 1));
    expect(signature && (await crypto.subtle.verify(signAlgorithm, publicKey, signature, new TextEncoder().encode(signed)))).toBe(true);
    expect(Math.abs(code.signedAt - Date.now())).toBeLessThan(5_000);
    expect(code.shape.size).toBeGreaterThan(20);
    expect(code.shape.path).not.toBe('');
    // Taken once: the card signs its own from then on.
    expect(takeEarlyCode('demo-a', 'token-of-demo-a')).toBeNull();
  });

  it('is not used once older than a few seconds', async () => {
    await signedIn('demo-a', { withKey: true });
    const { startEarlyCode, earlyCodeSettled, takeEarlyCode } = await earlyCodeModule();
    startEarlyCode();
    await earlyCodeSettled(5_000);
    const now = Date.now();
    vi.spyOn(Date, 'now').mockReturnValue(now + 6_000);
    expect(takeEarlyCode('demo-a', 'token-of-demo-a')).toBeNull();
  });

  it('is nothing when nobody is signed in, and never makes a device key', async () => {
    const nobody = await earlyCodeModule();
    nobody.startEarlyCode();
    await nobody.earlyCodeSettled(5_000);
    expect(await nobody.awaitEarlyCode('demo-a', 'token-of-demo-a')).toBeNull();

    vi.resetModules();
    // A credential whose key is gone (logout under way): no code a verifier would refuse, and no new key.
    await signedIn('demo-a', { withKey: false });
    const keyless = await earlyCodeModule();
    keyless.startEarlyCode();
    await keyless.earlyCodeSettled(5_000);
    expect(keyless.takeEarlyCode('demo-a', 'token-of-demo-a')).toEqual({ kind: 'needs-sync' });
    expect(await (await walletDb()).getAllKeys(storage.stores.deviceKeys)).toEqual([]);
  });
});
