import { queryOptions, useQuery } from '@tanstack/react-query';
import { request } from '../../../api/client.ts';
import { venueOwnerKeys } from '../venue-owner-keys.ts';

export const myVenuesQueryOptions = () =>
  queryOptions({
    queryKey: venueOwnerKeys.mine(),
    queryFn: ({ signal }) => request('myVenues', { signal }),
  });

export const useMyVenues = () => useQuery(myVenuesQueryOptions());
