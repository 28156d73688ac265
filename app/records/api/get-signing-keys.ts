/**
 * The server's public signing keys, shared by everything that checks a signature on the device:
 * place codes at the door, health codes at the verifier. Asked of the server when online and kept in
 * IndexedDB; with no network the kept set stands in. The query holds plain JWKs so that the persisted
 * cache can store it; the imported CryptoKeys live in `useKeyLookup`, outside the cache.
 */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { request } from '../../api/client.ts';
import type { PublicJwk } from '../../../core/contract/codes.ts';
import { keyLookupFromSet } from '../../../core/crypto/keys.ts';
import type { KeyLookup } from '../../../core/crypto/signed-token.ts';
import { saveServerKeys, storedServerKeys } from '../../offline/credential-store.ts';
import { networkFirst } from '../../offline/network-first.ts';
import { recordKeys } from '../record-keys.ts';

/** A scan at a door should not hang on a bad signal: the kept keys answer after this long. */
const keysTimeoutMs = 5000;

export async function fetchSigningKeys(signal: AbortSignal): Promise<PublicJwk[]> {
  const { answer } = await networkFirst(
    async () => (await request('signingKeys', { signal, timeoutMs: keysTimeoutMs })).keys,
    saveServerKeys,
    storedServerKeys,
  );
  return answer;
}

export const signingKeysQueryOptions = () =>
  queryOptions({
    queryKey: recordKeys.signingKeys(),
    queryFn: ({ signal }) => fetchSigningKeys(signal),
    // The fetcher falls back to the device itself; it must run offline, not wait for a network.
    networkMode: 'always',
    staleTime: 60 * 60 * 1000,
  });

/** `missing`: neither the server nor the device has a key, so nothing can be verified before an online visit. */
export type KeyLookupState = { kind: 'loading' } | { kind: 'ready'; lookup: KeyLookup } | { kind: 'missing' };

export function useKeyLookup(): KeyLookupState {
  const keys = useQuery(signingKeysQueryOptions());
  const [imported, setImported] = useState<{ from: PublicJwk[]; lookup: KeyLookup | null } | null>(null);

  useEffect(() => {
    const from = keys.data;
    if (!from) return;
    let current = true;
    keyLookupFromSet(from).then(
      (lookup) => {
        if (current) setImported({ from, lookup });
      },
      () => {
        if (current) setImported({ from, lookup: null });
      },
    );
    return () => {
      current = false;
    };
  }, [keys.data]);

  if (keys.isError || keys.data?.length === 0) return { kind: 'missing' };
  if (!keys.data || imported?.from !== keys.data) return { kind: 'loading' };
  return imported.lookup ? { kind: 'ready', lookup: imported.lookup } : { kind: 'missing' };
}
