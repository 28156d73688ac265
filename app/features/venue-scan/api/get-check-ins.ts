import { queryOptions, useQuery } from '@tanstack/react-query';
import { request } from '../../../api/client.ts';
import type { CheckIn } from '../../../../core/contract/venues.ts';
import { listCheckIns, undeliveredIds, type CheckInStatus, type LocalCheckIn } from '../check-in-store.ts';
import { venueScanKeys } from '../venue-scan-keys.ts';

export interface HistoryEntry {
  id: string;
  venueName: string;
  district: string;
  scannedAt: number;
  status: CheckInStatus;
}

/** The device's check-ins and the server's (from other devices too), once each, newest first. */
export function mergeHistory(local: readonly LocalCheckIn[], undelivered: ReadonlySet<string>, server: readonly CheckIn[]): HistoryEntry[] {
  const entries = new Map<string, HistoryEntry>();
  for (const checkIn of server) {
    entries.set(checkIn.id, {
      id: checkIn.id,
      venueName: checkIn.venueName,
      district: checkIn.district,
      scannedAt: Date.parse(checkIn.scannedAt),
      status: 'synced',
    });
  }
  for (const checkIn of local) {
    const known = entries.get(checkIn.id);
    entries.set(checkIn.id, {
      id: checkIn.id,
      venueName: checkIn.venue.n,
      district: checkIn.venue.d,
      scannedAt: checkIn.scannedAt,
      status: known || !undelivered.has(checkIn.id) ? 'synced' : 'pending',
    });
  }
  return [...entries.values()].sort((a, b) => b.scannedAt - a.scannedAt);
}

export const checkInHistoryQueryOptions = (citizenId: string) =>
  queryOptions({
    queryKey: venueScanKeys.history(citizenId),
    queryFn: async ({ signal }) => {
      const local = await listCheckIns(citizenId, Date.now());
      const server = await request('checkIns', { signal, timeoutMs: 5000 }).then(
        (response) => response.checkIns,
        // Offline the device's own list is the whole history there is to show.
        () => [],
      );
      return mergeHistory(local, await undeliveredIds(citizenId), server);
    },
    networkMode: 'always',
  });

export const useCheckInHistory = (citizenId: string) => useQuery(checkInHistoryQueryOptions(citizenId));
