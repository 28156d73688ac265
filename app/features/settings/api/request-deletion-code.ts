import { useMutation } from '@tanstack/react-query';
import { request } from '../../../api/client.ts';

export const requestDeletionCode = () => request('requestDeletionCode', {});

export const useRequestDeletionCode = () => useMutation({ mutationFn: requestDeletionCode });
