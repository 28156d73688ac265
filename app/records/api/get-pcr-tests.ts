import { queryOptions, useQuery } from '@tanstack/react-query';
import { request } from '../../api/client.ts';
import { recordKeys } from '../record-keys.ts';

export const pcrTestsQueryOptions = (citizenId: string) =>
  queryOptions({
    queryKey: recordKeys.pcrTests(citizenId),
    queryFn: ({ signal }) => request('pcrTests', { params: { citizenId }, signal }),
  });

export const usePcrTests = (citizenId: string) => useQuery(pcrTestsQueryOptions(citizenId));
