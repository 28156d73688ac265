import { queryOptions, useQuery } from '@tanstack/react-query';
import { ApiError, request } from '../../../api/client.ts';
import type { PublicJwk } from '../../../api/contract.ts';
import { saveServerKeys, storedServerKeys } from '../../../offline/credential-store.ts';

export const signingKeyKeys = { all: () => ['signing-keys'] as const };

/** The server's JWK set, kept on the device so that a verifier with no network still checks codes. */
export async function fetchSigningKeys(signal: AbortSignal): Promise<PublicJwk[]> {
  try {
    const { keys } = await request('signingKeys', { signal });
    await saveServerKeys(keys);
    return keys;
  } catch (error) {
    const unreachable = error instanceof ApiError && (error.code === 'network' || error.code === 'timeout');
    const stored = unreachable ? await storedServerKeys() : null;
    if (!stored) throw error;
    return stored;
  }
}

export const signingKeysQueryOptions = () =>
  queryOptions({ queryKey: signingKeyKeys.all(), queryFn: ({ signal }) => fetchSigningKeys(signal), staleTime: 60 * 60 * 1000 });

export const useSigningKeys = () => useQuery(signingKeysQueryOptions());
