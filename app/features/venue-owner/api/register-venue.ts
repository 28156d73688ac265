import { useMutation, useQueryClient } from '@tanstack/react-query';
import { request } from '../../../api/client.ts';
import type { BodyOf } from '../../../../core/contract/endpoints.ts';
import { venueOwnerKeys } from '../venue-owner-keys.ts';

export const registerVenue = (body: BodyOf<'registerVenue'>) => request('registerVenue', { body });

export function useRegisterVenue() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: registerVenue,
    onSuccess: ({ venue }) => {
      queryClient.setQueryData(venueOwnerKeys.venue(venue.number), { venue });
      return queryClient.invalidateQueries({ queryKey: venueOwnerKeys.mine() });
    },
  });
}
