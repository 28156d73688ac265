import { queryOptions, useQuery } from '@tanstack/react-query';
import { request } from '../../../api/client.ts';

export const demoAccountsQueryOptions = () =>
  queryOptions({
    queryKey: ['auth', 'demo-accounts'] as const,
    queryFn: ({ signal }) => request('demoAccounts', { signal }),
    staleTime: Infinity,
    retry: false,
  });

export const useDemoAccounts = () => useQuery(demoAccountsQueryOptions());
