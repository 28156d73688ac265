import { queryOptions, useQuery } from '@tanstack/react-query';
import { readCheckIn } from '../check-in-store.ts';
import { venueScanKeys } from '../venue-scan-keys.ts';

/** One check-in as this device holds it; re-read after every sync so 待上传 turns into 已登记. */
export const localCheckInQueryOptions = (id: string) =>
  queryOptions({
    queryKey: venueScanKeys.checkIn(id),
    queryFn: async () => (await readCheckIn(id)) ?? null,
    networkMode: 'always',
  });

export const useLocalCheckIn = (id: string) => useQuery(localCheckInQueryOptions(id));
