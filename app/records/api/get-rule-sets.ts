import { queryOptions, useQuery } from '@tanstack/react-query';
import { request } from '../../api/client.ts';
import { saveRuleSets, storedRuleSets } from '../../offline/credential-store.ts';
import { networkFirst } from '../../offline/network-first.ts';
import { recordKeys } from '../record-keys.ts';

/**
 * The rule sets in force, kept on the device as well as in the query cache: a staff phone that never
 * signed in has no persisted cache, yet must check codes after a cold start with no network.
 */
export async function fetchRuleSets(signal: AbortSignal) {
  const { answer } = await networkFirst(
    () => request('ruleSets', { signal }),
    ({ ruleSets }) => saveRuleSets(ruleSets),
    async () => {
      const ruleSets = await storedRuleSets();
      return ruleSets && { ruleSets };
    },
  );
  return answer;
}

export const ruleSetsQueryOptions = () =>
  queryOptions({
    queryKey: recordKeys.ruleSets(),
    queryFn: ({ signal }) => fetchRuleSets(signal),
    // The fetcher falls back to the device itself; it must run offline, not wait for a network.
    networkMode: 'always',
    staleTime: 60 * 60 * 1000,
  });

export const useRuleSets = () => useQuery(ruleSetsQueryOptions());
