/**
 * What a code is signed and shown from, as this device keeps it: who was last signed in, their profile in the
 * persisted query cache, their credential and their device key. Read without zod, for the boot module
 * (app/boot/), which paints the code before the app's schemas are loaded; every value is checked by hand
 * here instead, and anything that does not fit reads as nothing kept.
 */
import { base64urlToText } from '../../core/crypto/base64url.ts';
import { storage, walletDb } from './db.ts';

export const lastCitizenKey = 'last-citizen';
/** The persisted query cache's version and its longest age (shell/app.tsx persists with these; older reads as none). */
export const cacheBuster = 'v1';
/** A week, as long as queries are kept in memory: an old cache is better than none at the door. */
export const cacheMaxAgeMs = 7 * 24 * 60 * 60 * 1000;

export interface DeviceKey {
  privateKey: CryptoKey;
  publicJwk: { kty: 'EC'; crv: 'P-256'; x: string; y: string };
}

export function publicPart(jwk: JsonWebKey): DeviceKey['publicJwk'] | null {
  return jwk.kty === 'EC' && jwk.crv === 'P-256' && jwk.x && jwk.y ? { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y } : null;
}

/**
 * The citizen's device key if this device keeps one. Signing a code uses this, never `deviceKeyFor`: a key made
 * then would not be the one the credential is bound to, and a signature still under way as the citizen logs
 * out would otherwise leave a new key behind on a shared phone.
 */
export async function keptDeviceKey(citizenId: string): Promise<DeviceKey | null> {
  const stored = await (await walletDb()).get(storage.stores.deviceKeys, citizenId);
  const storedPublic = stored ? publicPart(stored.publicJwk) : null;
  return stored && storedPublic ? { privateKey: stored.keyPair.privateKey, publicJwk: storedPublic } : null;
}

export interface StoredCredential {
  credential: string;
  /** The compact (SSM2) form of the same credential, shown when there is one. */
  compact?: string;
  expiresAt: number;
}

export async function storedCredential(subjectId: string): Promise<StoredCredential | null> {
  const row = await (await walletDb()).get(storage.stores.credentials, subjectId);
  if (!row || typeof row.token !== 'string' || !Number.isFinite(row.expiresAt)) return null;
  return { credential: row.token, compact: typeof row.compact === 'string' ? row.compact : undefined, expiresAt: row.expiresAt };
}

/** The citizen whose cache the next start restores: the one last signed in, until they log out. */
export async function lastSignedInCitizen(): Promise<string | undefined> {
  const citizenId: unknown = await (await walletDb()).get(storage.stores.settings, lastCitizenKey);
  return typeof citizenId === 'string' ? citizenId : undefined;
}

/** What the code card shows of the signed-in citizen, as the persisted `me` query last held it. */
export interface KeptProfile {
  id: string;
  maskedName: string;
  maskedIdNumber: string;
  colour: 'green' | 'yellow' | 'red';
  /** When the profile last came from the server (the card's 数据更新于). */
  updatedAt: number;
  /** Whether relatives are linked: the panel then shows a profile switcher above the card. */
  hasDependants: boolean;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const colours = ['green', 'yellow', 'red'] as const;

/** The profile inside a persisted query client (TanStack's dehydrated shape), or null when it is not there or does not fit. */
export function profileOfCache(client: unknown, citizenId: string, now: number): KeptProfile | null {
  if (!isRecord(client) || client.buster !== cacheBuster || typeof client.timestamp !== 'number' || !isRecord(client.clientState)) return null;
  // The persister drops a cache this old, and the app then starts from nothing: so does the boot module.
  if (now - client.timestamp > cacheMaxAgeMs) return null;
  const queries = client.clientState.queries;
  if (!Array.isArray(queries)) return null;
  // recordKeys.me(), written out: importing the factory would cost the boot module a chunk (the test holds the two together).
  const me: unknown = queries.find(
    (query: unknown) => isRecord(query) && Array.isArray(query.queryKey) && query.queryKey.length === 2 && query.queryKey[0] === 'records' && query.queryKey[1] === 'me',
  );
  if (!isRecord(me) || !isRecord(me.state) || !isRecord(me.state.data)) return null;
  const { citizen, dependants } = me.state.data;
  const updatedAt = me.state.dataUpdatedAt;
  if (!isRecord(citizen) || citizen.id !== citizenId || !Array.isArray(dependants) || typeof updatedAt !== 'number') return null;
  const { maskedName, maskedIdNumber, colour } = citizen;
  const knownColour = colours.find((known) => known === colour);
  if (typeof maskedName !== 'string' || typeof maskedIdNumber !== 'string' || !knownColour) return null;
  return { id: citizenId, maskedName, maskedIdNumber, colour: knownColour, updatedAt, hasDependants: dependants.length > 0 };
}

/** The persisted query client of a citizen, or undefined. */
export async function keptQueryClient(citizenId: string): Promise<unknown> {
  return (await (await walletDb()).get(storage.stores.queryCache, citizenId))?.client;
}

/** The colour a credential was issued with, read without verifying: only to tell whether it is out of date. */
export function issuedColour(credential: string): unknown {
  const text = base64urlToText(credential.split('.')[2] ?? '');
  try {
    return text === null ? undefined : (JSON.parse(text) as { c?: unknown }).c;
  } catch {
    return undefined;
  }
}
