import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { request } from '../../api/client.ts';
import type { AntigenTest } from '../../../core/contract.ts';
import { recordKeys } from '../record-keys.ts';

export const antigenTestsQueryOptions = (citizenId: string) =>
  queryOptions({
    queryKey: recordKeys.antigenTests(citizenId),
    queryFn: ({ signal }) => request('antigenTests', { params: { citizenId }, signal }),
  });

export const useAntigenTests = (citizenId: string) => useQuery(antigenTestsQueryOptions(citizenId));

/** What of the results the signed code depends on: which count, at which level. */
const trustSignature = (tests: readonly AntigenTest[]) => tests.map((test) => `${test.id}:${test.trust}:${test.review?.decision ?? ''}`).join();

/**
 * A reviewer's decision changes a result's level after it was uploaded; when fresh results show such a
 * change, the credential is fetched again so that the code carries the new level, not the one of hours ago.
 */
export function useCredentialFollowsAntigen(citizenId: string) {
  const queryClient = useQueryClient();
  const { data } = useAntigenTests(citizenId);
  const signature = data ? trustSignature(data.antigenTests) : null;
  const seen = useRef<{ citizenId: string; signature: string } | null>(null);
  useEffect(() => {
    if (signature === null) return;
    const previous = seen.current;
    seen.current = { citizenId, signature };
    if (previous?.citizenId === citizenId && previous.signature !== signature) {
      void queryClient.invalidateQueries({ queryKey: recordKeys.credential(citizenId) });
    }
  }, [citizenId, signature, queryClient]);
}
