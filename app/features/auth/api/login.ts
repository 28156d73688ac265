import { useMutation, useQueryClient } from '@tanstack/react-query';
import { request } from '../../../api/client.ts';
import { allowDeviceKeys } from '../../../offline/credential-store.ts';
import { recordKeys } from '../../../records/record-keys.ts';

export const login = (phone: string, code: string) => request('login', { body: { phone, code } });

/** Logging in answers with the profile, so the panel can show it without asking again. */
export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ phone, code }: { phone: string; code: string }) => login(phone, code),
    onSuccess: (me) => {
      allowDeviceKeys();
      queryClient.removeQueries({ queryKey: recordKeys.all() });
      queryClient.setQueryData(recordKeys.me(), me);
    },
  });
}
