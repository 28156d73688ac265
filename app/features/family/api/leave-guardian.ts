import { useMutation, useQueryClient } from '@tanstack/react-query';
import { request } from '../../../api/client.ts';
import { guardiansQueryOptions } from './get-guardians.ts';

export const leaveGuardian = (citizenId: string) => request('leaveGuardian', { params: { citizenId } });

export function useLeaveGuardian() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: leaveGuardian,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: guardiansQueryOptions().queryKey }),
  });
}
