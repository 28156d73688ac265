import { useMutation, useQueryClient } from '@tanstack/react-query';
import { request } from '../../../api/client.ts';
import type { Me } from '../../../../core/contract/account.ts';
import { forgetCitizen } from '../../../offline/query-persister.ts';
import { recordKeys } from '../../../records/record-keys.ts';

export const logout = () => request('logout', {});

/**
 * Whatever the server says, this device forgets the citizen and the relatives they looked after: the
 * next person on the phone finds nothing of them. Their queued writes stay in the outbox (nothing
 * entered is lost) and are sent at their next login.
 */
export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      const me = queryClient.getQueryData<Me>(recordKeys.me());
      try {
        await logout();
      } finally {
        queryClient.clear();
        if (me) await forgetCitizen(me.citizen.id, me.dependants.map((dependant) => dependant.id));
      }
    },
  });
}
