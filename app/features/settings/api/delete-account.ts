import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Me } from '../../../../core/contract/account.ts';
import { request } from '../../../api/client.ts';
import { forgetCitizen } from '../../../offline/query-persister.ts';
import { recordKeys } from '../../../records/record-keys.ts';

export const deleteAccount = (code: string) => request('deleteAccount', { body: { code } });

/**
 * Once the server has deleted the account, this device forgets it entirely: the cached records, codes,
 * keys and check-ins of the citizen and the relatives they showed, and the outbox items that would have
 * gone to an account that no longer exists. A refused code deletes nothing, here or there.
 */
export function useDeleteAccount({ onDeleted }: { onDeleted: () => void }) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (code: string) => {
      const me = queryClient.getQueryData<Me>(recordKeys.me());
      await deleteAccount(code);
      if (me) await forgetCitizen(me.citizen.id, me.dependants.map((dependant) => dependant.id), { outbox: true });
      // Leave the screens that need a session first: cleared while still on one, they would send the
      // visitor to log in before saying that the account is gone.
      onDeleted();
      queryClient.clear();
    },
  });
}
