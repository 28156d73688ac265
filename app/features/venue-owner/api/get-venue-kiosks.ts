import { queryOptions, useQuery } from '@tanstack/react-query';
import { request } from '../../../api/client.ts';
import { venueOwnerKeys } from '../venue-owner-keys.ts';

export const venueKiosksQueryOptions = (number: string) =>
  queryOptions({
    queryKey: venueOwnerKeys.kiosks(number),
    queryFn: ({ signal }) => request('venueKiosks', { signal, params: { number } }),
    // "Last seen" is what the owner comes to read: asked again while the page is open.
    refetchInterval: 60_000,
  });

export const useVenueKiosks = (number: string) => useQuery(venueKiosksQueryOptions(number));
