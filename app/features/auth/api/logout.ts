import { useMutation, useQueryClient } from '@tanstack/react-query';
import { request } from '../../../api/client.ts';

export const logout = () => request('logout', {});

/** Whatever the server says, this device forgets the citizen: the next person on the phone sees nothing. */
export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      try {
        await logout();
      } finally {
        queryClient.clear();
      }
    },
  });
}
