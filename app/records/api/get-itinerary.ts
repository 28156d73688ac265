import { queryOptions, useQuery } from '@tanstack/react-query';
import { request } from '../../api/client.ts';
import { recordKeys } from '../record-keys.ts';

export const itineraryQueryOptions = (citizenId: string) =>
  queryOptions({
    queryKey: recordKeys.itinerary(citizenId),
    queryFn: ({ signal }) => request('itinerary', { params: { citizenId }, signal }),
  });

export const useItinerary = (citizenId: string) => useQuery(itineraryQueryOptions(citizenId));
