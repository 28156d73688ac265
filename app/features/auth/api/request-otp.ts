import { useMutation } from '@tanstack/react-query';
import { request } from '../../../api/client.ts';

export const requestOtp = (phone: string) => request('requestOtp', { body: { phone } });

export const useRequestOtp = () => useMutation({ mutationFn: requestOtp });
