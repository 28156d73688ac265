import { useQueryClient } from '@tanstack/react-query';
import type { VenuePayload } from '../../../../core/contract/venues.ts';
import { enqueue } from '../../../offline/outbox.ts';
import { useFlushOutbox } from '../../../offline/sync-context.tsx';
import { saveCheckIn, type LocalCheckIn } from '../check-in-store.ts';
import { checkInOutboxKind } from '../outbox-kind.ts';
import { venueScanKeys } from '../venue-scan-keys.ts';

/**
 * A check-in is queued in the outbox (durable before anything is sent, works offline) and kept for the
 * result screen under the outbox item's id, which the server stores it by: resending never doubles it.
 */
export function useQueueCheckIn(citizenId: string) {
  const queryClient = useQueryClient();
  const flush = useFlushOutbox();
  return async (venue: VenuePayload, token: string): Promise<LocalCheckIn> => {
    const scannedAt = Date.now();
    const item = await enqueue(checkInOutboxKind.kind, citizenId, { venueToken: token, scannedAt: new Date(scannedAt).toISOString() });
    const checkIn: LocalCheckIn = { id: item.id, citizenId, scannedAt, venue, token };
    await saveCheckIn(checkIn);
    void queryClient.invalidateQueries({ queryKey: venueScanKeys.all() });
    flush();
    return checkIn;
  };
}
