import { useMutation, useQueryClient } from '@tanstack/react-query';
import { request } from '../../../api/client.ts';
import { venueOwnerKeys } from '../venue-owner-keys.ts';

/** Makes a pairing; its token is in this answer only (the server keeps a hash), held in memory while shown. */
export function usePairKiosk(number: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (label: string) => request('pairKiosk', { params: { number }, body: { label } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: venueOwnerKeys.kiosks(number) }),
  });
}
