import { useMutation, useQueryClient } from '@tanstack/react-query';
import { request } from '../../../api/client.ts';
import { venueOwnerKeys } from '../venue-owner-keys.ts';

export function useRevokeKiosk(number: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (kioskId: string) => request('revokeKiosk', { params: { number, kioskId } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: venueOwnerKeys.kiosks(number) }),
  });
}
