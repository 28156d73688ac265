import { queryOptions, useQuery } from '@tanstack/react-query';
import { request } from '../../../api/client.ts';
import { familyKeys } from '../family-keys.ts';

export const guardiansQueryOptions = () =>
  queryOptions({
    queryKey: familyKeys.guardians(),
    queryFn: ({ signal }) => request('myGuardians', { signal }),
    // Who holds her code is asked fresh on every visit: a stale list would hide a guardian from her.
    refetchOnMount: 'always',
  });

export const useGuardians = () => useQuery(guardiansQueryOptions());
