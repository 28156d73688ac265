import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AntigenUpload } from '../../../../core/contract/antigen.ts';
import { enqueue } from '../../../offline/outbox.ts';
import { useFlushOutbox } from '../../../offline/sync-context.tsx';
import { antigenOutboxKind } from '../outbox-kind.ts';
import { pendingAntigenKeys } from './get-pending-antigen-uploads.ts';

/**
 * Saving an upload means storing it in the outbox, which works with or without a network
 * (`networkMode: 'always'`); sending is the sync engine's job, so a reload cannot lose or repeat it.
 */
export function useQueueAntigenUpload(citizenId: string) {
  const queryClient = useQueryClient();
  const flush = useFlushOutbox();
  return useMutation({
    networkMode: 'always',
    mutationFn: (upload: AntigenUpload) => enqueue(antigenOutboxKind.kind, citizenId, upload),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: pendingAntigenKeys.list(citizenId) });
      flush();
    },
  });
}
