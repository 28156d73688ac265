/**
 * The server's public signing keys, fetched when online and kept in IndexedDB (`server-keys`) so a
 * place code verifies with no network. A fresh fetch replaces the cached set; offline the cache serves.
 */
import { queryOptions, useQuery } from '@tanstack/react-query';
import * as z from 'zod/mini';
import { request } from '../../../api/client.ts';
import { publicJwk, type PublicJwk } from '../../../api/contract.ts';
import { keyLookupFromSet } from '../../../crypto/keys.ts';
import type { KeyLookup } from '../../../crypto/signed-token.ts';
import { storage, walletDb } from '../../../offline/db.ts';

export interface SigningKeys {
  lookup: KeyLookup;
  /** False when neither the server nor the cache had a key: nothing can verify yet. */
  available: boolean;
}

const cachedKeys = z.array(publicJwk);

async function cachedSet(): Promise<PublicJwk[]> {
  const db = await walletDb();
  const row = await db.get(storage.stores.serverKeys, 'current');
  const parsed = cachedKeys.safeParse(row?.keys);
  return parsed.success ? parsed.data : [];
}

export async function fetchSigningKeys(signal?: AbortSignal): Promise<SigningKeys> {
  let keys: PublicJwk[];
  try {
    keys = (await request('signingKeys', { signal, timeoutMs: 5000 })).keys;
    const db = await walletDb();
    await db.put(storage.stores.serverKeys, { id: 'current', keys, savedAt: Date.now() });
  } catch {
    keys = await cachedSet();
  }
  return { lookup: await keyLookupFromSet(keys), available: keys.length > 0 };
}

export const signingKeysQueryOptions = () =>
  queryOptions({
    queryKey: ['signing-keys'] as const,
    queryFn: ({ signal }) => fetchSigningKeys(signal),
    staleTime: 60 * 60 * 1000,
  });

export const useSigningKeys = () => useQuery(signingKeysQueryOptions());
