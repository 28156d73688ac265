import { queryOptions, useQuery } from '@tanstack/react-query';
import { request } from '../../api/client.ts';
import { recordKeys } from '../record-keys.ts';

export const ruleSetsQueryOptions = () =>
  queryOptions({
    queryKey: recordKeys.ruleSets(),
    queryFn: ({ signal }) => request('ruleSets', { signal }),
    staleTime: 60 * 60 * 1000,
  });

export const useRuleSets = () => useQuery(ruleSetsQueryOptions());
