import { queryOptions, useQuery } from '@tanstack/react-query';
import { request } from '../../../api/client.ts';
import { myDataKeys } from '../my-data-keys.ts';

export const accessLogQueryOptions = () =>
  queryOptions({
    queryKey: myDataKeys.accessLog(),
    queryFn: ({ signal }) => request('accessLog', { signal }),
    // Who looked is asked fresh each time; the phone keeps no copy of it.
    meta: { persist: false },
    refetchOnMount: 'always',
  });

export const useAccessLog = () => useQuery(accessLogQueryOptions());
