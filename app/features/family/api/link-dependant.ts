import { useMutation, useQueryClient } from '@tanstack/react-query';
import { request } from '../../../api/client.ts';
import { meQueryOptions } from '../../../records/api/get-me.ts';

export const linkDependant = (name: string, idNumber: string, code: string) =>
  request('linkDependant', { body: { name, idNumber, code } });

export function useLinkDependant() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ name, idNumber, code }: { name: string; idNumber: string; code: string }) => linkDependant(name, idNumber, code),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meQueryOptions().queryKey }),
  });
}
