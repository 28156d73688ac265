import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { IdentityDocument } from '../../../../core/identity/documents.ts';
import { request } from '../../../api/client.ts';
import { meQueryOptions } from '../../../records/api/get-me.ts';

export const linkDependant = (name: string, document: IdentityDocument, code: string) =>
  request('linkDependant', { body: { name, document, code } });

export function useLinkDependant() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ name, document, code }: { name: string; document: IdentityDocument; code: string }) => linkDependant(name, document, code),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meQueryOptions().queryKey }),
  });
}
