import { queryOptions, useQuery } from '@tanstack/react-query';
import { request } from '../../api/client.ts';
import { recordKeys } from '../record-keys.ts';

export const meQueryOptions = () =>
  queryOptions({
    queryKey: recordKeys.me(),
    queryFn: ({ signal }) => request('me', { signal }),
    // A restored cache may predate a colour change or a newly linked relative: check at every start.
    refetchOnMount: 'always',
  });

export const useMe = () => useQuery(meQueryOptions());
