/**
 * The device's own signing key and the credentials, server keys and rule sets that let codes be
 * shown and checked offline.
 * The private key is made non-extractable: script on this page can sign with it but nobody can read
 * it out, so a copied credential cannot be presented from another phone.
 */
import { jwkSet, type PublicJwk } from '../../core/contract/codes.ts';
import { endpoints } from '../../core/contract/endpoints.ts';
import type { RuleSet } from '../../core/contract/records.ts';
import { ecdsa } from '../../core/crypto/signed-token.ts';
import { storage, walletDb } from './db.ts';
import { keptDeviceKey, publicPart, type DeviceKey, type StoredCredential } from './kept-code.ts';

// Reading what a code is signed from lives in kept-code.ts, without zod, for the boot module (app/boot/).
export { keptDeviceKey, storedCredential, type DeviceKey, type StoredCredential } from './kept-code.ts';

/**
 * People logged out of on this page: no device key is made for them again until the next login. A credential
 * query the panel still ran as the logout cleared the cache would otherwise make one after the logout had
 * deleted theirs, and leave it on a shared phone (e2e/logout.spec.ts).
 */
const loggedOut = new Set<string>();

export function refuseDeviceKeys(subjectIds: readonly string[]): void {
  for (const id of subjectIds) loggedOut.add(id);
}

/** A login starts a new session on this device: keys may be made again for whoever it shows. */
export function allowDeviceKeys(): void {
  loggedOut.clear();
}

function refuseIfLoggedOut(citizenId: string): void {
  if (loggedOut.has(citizenId)) throw new Error('Logged out on this device: no device key is made until the next login.');
}

/** The citizen's device key, made on first use (right after login, to bind a credential to) and kept for later visits. */
export async function deviceKeyFor(citizenId: string): Promise<DeviceKey> {
  const kept = await keptDeviceKey(citizenId);
  if (kept) return kept;
  refuseIfLoggedOut(citizenId);
  const db = await walletDb();

  const keyPair = await crypto.subtle.generateKey(ecdsa, false, ['sign', 'verify']);
  const publicJwk = publicPart(await crypto.subtle.exportKey('jwk', keyPair.publicKey));
  if (!publicJwk) throw new Error('WebCrypto exported an unexpected public key');
  // Checked again just before the write: a logout since would have queued its deletion after this write otherwise.
  refuseIfLoggedOut(citizenId);
  await db.put(storage.stores.deviceKeys, { citizenId, keyPair, publicJwk, createdAt: Date.now() });
  return { privateKey: keyPair.privateKey, publicJwk };
}

export async function saveCredential(subjectId: string, credential: StoredCredential): Promise<void> {
  const db = await walletDb();
  const { compact, expiresAt } = credential;
  await db.put(storage.stores.credentials, { subjectId, token: credential.credential, compact, expiresAt, savedAt: Date.now() });
}

/** A relative unlinked: the credential shown for them and the device key that signed it leave this device. */
export async function forgetSubject(subjectId: string): Promise<void> {
  const tx = (await walletDb()).transaction([storage.stores.credentials, storage.stores.deviceKeys], 'readwrite');
  await Promise.all([tx.objectStore(storage.stores.credentials).delete(subjectId), tx.objectStore(storage.stores.deviceKeys).delete(subjectId), tx.done]);
}

export async function saveServerKeys(keys: readonly PublicJwk[]): Promise<void> {
  await (await walletDb()).put(storage.stores.serverKeys, { id: 'current', keys, savedAt: Date.now() });
}

/** The last JWK set fetched, validated again: the store may hold what an older build wrote. */
export async function storedServerKeys(): Promise<PublicJwk[] | null> {
  const row = await (await walletDb()).get(storage.stores.serverKeys, 'current');
  const parsed = jwkSet.safeParse({ keys: row?.keys });
  return parsed.success ? parsed.data.keys : null;
}

export async function saveRuleSets(ruleSets: readonly RuleSet[]): Promise<void> {
  await (await walletDb()).put(storage.stores.ruleSets, { id: 'current', ruleSets, savedAt: Date.now() });
}

/** The last rule sets served, validated again like the keys. */
export async function storedRuleSets(): Promise<RuleSet[] | null> {
  const row = await (await walletDb()).get(storage.stores.ruleSets, 'current');
  const parsed = endpoints.ruleSets.response.safeParse({ ruleSets: row?.ruleSets });
  return parsed.success ? parsed.data.ruleSets : null;
}
