import { useMutation } from '@tanstack/react-query';
import type { IdentityDocument } from '../../../../core/identity/documents.ts';
import { request } from '../../../api/client.ts';

export const requestFamilyCode = (name: string, document: IdentityDocument) => request('requestFamilyCode', { body: { name, document } });

export const useRequestFamilyCode = () =>
  useMutation({ mutationFn: ({ name, document }: { name: string; document: IdentityDocument }) => requestFamilyCode(name, document) });
