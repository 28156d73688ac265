import { queryOptions, useQuery } from '@tanstack/react-query';
import { request } from '../../../api/client.ts';
import { venueOwnerKeys } from '../venue-owner-keys.ts';

export const venueQueryOptions = (number: string) =>
  queryOptions({
    queryKey: venueOwnerKeys.venue(number),
    queryFn: ({ signal }) => request('venueByNumber', { params: { number }, signal }),
  });

export const useVenue = (number: string) => useQuery(venueQueryOptions(number));
