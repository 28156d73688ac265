/** What an operator may do with a kiosk in each licence state, and how its last sync reads. */
export type LicenceStatus = 'requested' | 'licensed' | 'suspended' | 'revoked' | 'refused';
export type KioskAction = 'approve' | 'refuse' | 'suspend' | 'resume' | 'revoke';

const actions: Record<LicenceStatus, KioskAction[]> = {
  requested: ['approve', 'refuse'],
  licensed: ['suspend', 'revoke'],
  suspended: ['resume', 'revoke'],
  // Revoking and refusing are final: the owner asks again for a new licence.
  revoked: [],
  refused: [],
};

export const kioskActions = (status: LicenceStatus): KioskAction[] => actions[status];

/** Only a licensed or suspended kiosk can answer lookups, so only they may be allowed typed ID numbers. */
export const canToggleTypedId = (status: LicenceStatus) => status === 'licensed' || status === 'suspended';

/** A kiosk at a door syncs every few minutes while open; a day without one is worth a look. */
export const staleAfterMs = 24 * 60 * 60 * 1000;

export type SyncState = { kind: 'never' } | { kind: 'recent'; at: string } | { kind: 'stale'; at: string };

export function syncState(lastSyncAt: string | null, now: number): SyncState {
  if (!lastSyncAt) return { kind: 'never' };
  return now - Date.parse(lastSyncAt) > staleAfterMs ? { kind: 'stale', at: lastSyncAt } : { kind: 'recent', at: lastSyncAt };
}

/** Requests first, oldest first (whoever asked first is answered first); then the rest by venue. */
export function splitKiosks<K extends { status: LicenceStatus; requestedAt: string; venueNumber: string }>(kiosks: readonly K[]) {
  const requests = kiosks.filter((kiosk) => kiosk.status === 'requested').sort((a, b) => a.requestedAt.localeCompare(b.requestedAt));
  const others = kiosks.filter((kiosk) => kiosk.status !== 'requested').sort((a, b) => a.venueNumber.localeCompare(b.venueNumber));
  return { requests, others };
}
