import { queryOptions, useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { antigenUpload, type AntigenUpload } from '../../../../core/contract/antigen.ts';
import { readOutbox, subscribeOutbox } from '../../../offline/outbox.ts';
import { antigenOutboxKind } from '../outbox-kind.ts';

export const pendingAntigenKeys = {
  list: (citizenId: string) => ['outbox', citizenId, antigenOutboxKind.kind] as const,
};

export interface PendingAntigenUpload {
  id: string;
  upload: AntigenUpload;
  rejected: string | undefined;
}

async function pendingAntigenUploads(citizenId: string): Promise<PendingAntigenUpload[]> {
  const { pending, rejected } = await readOutbox(citizenId);
  return [...pending, ...rejected]
    .filter((item) => item.kind === antigenOutboxKind.kind)
    .map((item) => ({ id: item.id, upload: antigenUpload.parse(item.payload), rejected: item.rejected }));
}

/** Uploads still on this phone (waiting, or refused by the server), read from the outbox, not the network. */
export const pendingAntigenUploadsQueryOptions = (citizenId: string) =>
  queryOptions({
    queryKey: pendingAntigenKeys.list(citizenId),
    queryFn: () => pendingAntigenUploads(citizenId),
    networkMode: 'always',
    staleTime: 0,
    // The outbox is its own store; copying it into the persisted cache would duplicate photos.
    meta: { persist: false },
  });

export function usePendingAntigenUploads(citizenId: string) {
  const query = useQuery(pendingAntigenUploadsQueryOptions(citizenId));
  const { refetch } = query;
  useEffect(() => subscribeOutbox(() => void refetch()), [refetch]);
  return query;
}
