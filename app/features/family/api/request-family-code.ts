import { useMutation } from '@tanstack/react-query';
import { request } from '../../../api/client.ts';

export const requestFamilyCode = (name: string, idNumber: string) => request('requestFamilyCode', { body: { name, idNumber } });

export const useRequestFamilyCode = () =>
  useMutation({ mutationFn: ({ name, idNumber }: { name: string; idNumber: string }) => requestFamilyCode(name, idNumber) });
