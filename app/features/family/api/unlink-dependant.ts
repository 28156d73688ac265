import { useMutation, useQueryClient } from '@tanstack/react-query';
import { request } from '../../../api/client.ts';
import { forgetSubject } from '../../../offline/credential-store.ts';
import { meQueryOptions } from '../../../records/api/get-me.ts';
import { recordKeys } from '../../../records/record-keys.ts';

export const unlinkDependant = (citizenId: string) => request('unlinkDependant', { params: { citizenId } });

export function useUnlinkDependant() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: unlinkDependant,
    onSuccess: async (_, citizenId) => {
      queryClient.removeQueries({ queryKey: recordKeys.citizen(citizenId) });
      queryClient.removeQueries({ queryKey: recordKeys.credential(citizenId) });
      await forgetSubject(citizenId);
      await queryClient.invalidateQueries({ queryKey: meQueryOptions().queryKey });
    },
  });
}
