import { useMutation, useQueryClient } from '@tanstack/react-query';
import { request } from '../../../api/client.ts';
import { venueOwnerKeys } from '../venue-owner-keys.ts';

/** Chooses the rule set the venue's kiosks check against; they pick it up on their next /kiosk/me. */
export function useUpdateVenueRuleSet(number: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ruleSetId: string) => request('updateVenue', { params: { number }, body: { ruleSetId } }),
    onSuccess: ({ venue }) => {
      queryClient.setQueryData(venueOwnerKeys.venue(venue.number), { venue });
      return queryClient.invalidateQueries({ queryKey: venueOwnerKeys.mine() });
    },
  });
}
