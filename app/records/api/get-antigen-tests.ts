import { queryOptions, useQuery } from '@tanstack/react-query';
import { request } from '../../api/client.ts';
import { recordKeys } from '../record-keys.ts';

export const antigenTestsQueryOptions = (citizenId: string) =>
  queryOptions({
    queryKey: recordKeys.antigenTests(citizenId),
    queryFn: ({ signal }) => request('antigenTests', { params: { citizenId }, signal }),
  });

export const useAntigenTests = (citizenId: string) => useQuery(antigenTestsQueryOptions(citizenId));
