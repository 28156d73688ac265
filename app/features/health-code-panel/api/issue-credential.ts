import { queryOptions, useQuery } from '@tanstack/react-query';
import { request } from '../../../api/client.ts';
import { deviceKeyFor, saveCredential, storedCredential, type StoredCredential } from '../../../offline/credential-store.ts';
import { networkFirst } from '../../../offline/network-first.ts';
import { recordKeys } from '../../../records/record-keys.ts';

export type CredentialResult = StoredCredential & { fromStore: boolean };

/**
 * Asks the server for a credential bound to this device's key and keeps it; without a network the
 * kept one stands in, so the code still shows offline until that credential expires.
 */
export async function fetchCredential(citizenId: string, signal: AbortSignal): Promise<CredentialResult> {
  const device = await deviceKeyFor(citizenId);
  const { answer, fromStore } = await networkFirst(
    async () => {
      const issued = await request('credential', { body: { publicKey: device.publicJwk, subject: citizenId }, signal });
      return { credential: issued.credential, compact: issued.compact, expiresAt: Date.parse(issued.expiresAt) };
    },
    (credential) => saveCredential(citizenId, credential),
    () => storedCredential(citizenId),
  );
  return { ...answer, fromStore };
}

export const credentialQueryOptions = (citizenId: string) =>
  queryOptions({
    queryKey: recordKeys.credential(citizenId),
    queryFn: ({ signal }) => fetchCredential(citizenId, signal),
    staleTime: 10 * 60 * 1000,
    refetchInterval: 10 * 60 * 1000,
  });

export const useCredential = (citizenId: string) => useQuery(credentialQueryOptions(citizenId));
