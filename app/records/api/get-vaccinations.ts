import { queryOptions, useQuery } from '@tanstack/react-query';
import { request } from '../../api/client.ts';
import { recordKeys } from '../record-keys.ts';

export const vaccinationsQueryOptions = (citizenId: string) =>
  queryOptions({
    queryKey: recordKeys.vaccinations(citizenId),
    queryFn: ({ signal }) => request('vaccinations', { params: { citizenId }, signal }),
  });

export const useVaccinations = (citizenId: string) => useQuery(vaccinationsQueryOptions(citizenId));
