import { queryOptions, useQuery } from '@tanstack/react-query';
import { request } from '../../../api/client.ts';

export const antigenKitKeys = {
  all: () => ['antigen-kits'] as const,
};

/**
 * The approved-kit list. Kept in the persisted query cache like the records, so the upload form checks a
 * kit offline too; the server checks again when the upload arrives.
 */
export const antigenKitsQueryOptions = () =>
  queryOptions({
    queryKey: antigenKitKeys.all(),
    queryFn: ({ signal }) => request('antigenKits', { signal }),
    staleTime: 60 * 60 * 1000,
  });

export const useAntigenKits = () => useQuery(antigenKitsQueryOptions());
