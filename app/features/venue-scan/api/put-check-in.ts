/**
 * Sends check-ins to the server. The local copy is written first (check-in-store); sending is
 * idempotent by its client-made id, so a retry after a lost answer, or two tabs syncing at once,
 * still leaves exactly one check-in on the server.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { ApiError, request } from '../../../api/client.ts';
import type { VenuePayload } from '../../../api/contract.ts';
import { listCheckIns, markSynced, saveCheckIn, type LocalCheckIn } from '../check-in-store.ts';
import { venueScanKeys } from '../venue-scan-keys.ts';

/** `unreachable`: no network or no answer, worth retrying later; `refused`: the server said no (kept locally). */
type SendOutcome = 'sent' | 'unreachable' | 'refused';

export async function sendCheckIn(checkIn: LocalCheckIn): Promise<SendOutcome> {
  try {
    const { checkIn: stored } = await request('checkIn', {
      params: { id: checkIn.id },
      body: { venueToken: checkIn.token, scannedAt: new Date(checkIn.scannedAt).toISOString() },
    });
    await markSynced(checkIn.id, Date.parse(stored.receivedAt));
    return 'sent';
  } catch (error) {
    return error instanceof ApiError && error.status >= 400 && error.status < 500 ? 'refused' : 'unreachable';
  }
}

/** Stores the check-in on the device, then tries to send it; resolves with the local record either way. */
export async function recordCheckIn(citizenId: string, venue: VenuePayload, token: string): Promise<LocalCheckIn> {
  const checkIn: LocalCheckIn = {
    id: crypto.randomUUID(),
    citizenId,
    scannedAt: Date.now(),
    venue,
    token,
    status: 'pending',
    receivedAt: null,
  };
  await saveCheckIn(checkIn);
  await sendCheckIn(checkIn);
  return checkIn;
}

let syncing: Promise<void> | undefined;

export function syncPendingCheckIns(citizenId: string): Promise<void> {
  syncing ??= (async () => {
    for (const checkIn of await listCheckIns(citizenId, Date.now())) {
      if (checkIn.status === 'pending' && (await sendCheckIn(checkIn)) === 'unreachable') break;
    }
  })().finally(() => {
    syncing = undefined;
  });
  return syncing;
}

/** Sends waiting check-ins now and whenever the network comes back, then refreshes what screens show. */
export function usePendingCheckInSync(citizenId: string): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    const sync = () => {
      void syncPendingCheckIns(citizenId).then(() => queryClient.invalidateQueries({ queryKey: venueScanKeys.all() }));
    };
    sync();
    window.addEventListener('online', sync);
    return () => window.removeEventListener('online', sync);
  }, [citizenId, queryClient]);
}
