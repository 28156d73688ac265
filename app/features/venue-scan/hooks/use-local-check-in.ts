import { queryOptions, useQuery } from '@tanstack/react-query';
import { readCheckIn, undeliveredIds } from '../check-in-store.ts';
import { venueScanKeys } from '../venue-scan-keys.ts';

/** One check-in as this device holds it, with whether the outbox still has it to send. */
export const localCheckInQueryOptions = (id: string, citizenId: string) =>
  queryOptions({
    queryKey: venueScanKeys.checkIn(id),
    queryFn: async () => {
      const checkIn = await readCheckIn(id);
      if (!checkIn || checkIn.citizenId !== citizenId) return null;
      return { ...checkIn, status: (await undeliveredIds(citizenId)).has(id) ? ('pending' as const) : ('synced' as const) };
    },
    networkMode: 'always',
  });

export const useLocalCheckIn = (id: string, citizenId: string) => useQuery(localCheckInQueryOptions(id, citizenId));
