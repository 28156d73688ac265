/** What an operator may do with a kiosk in each licence state, what each does on the wire, and how its last sync reads. */
import type { KioskLicence } from '../../../core/contract/console.ts';

export type KioskAction = 'license' | 'refuse' | 'suspend' | 'resume' | 'revoke';

const actions: Record<KioskLicence, KioskAction[]> = {
  requested: ['license', 'refuse'],
  licensed: ['suspend', 'revoke'],
  suspended: ['resume', 'revoke'],
  // Revoking is final: the owner pairs again and asks for a new licence.
  revoked: [],
};

export const kioskActions = (licence: KioskLicence): KioskAction[] => actions[licence];

/** The contract has no separate refusal or resumption: refusing a request revokes it, resuming licenses again. */
export function wireAction(action: KioskAction): 'license' | 'suspend' | 'revoke' {
  if (action === 'refuse') return 'revoke';
  if (action === 'resume') return 'license';
  return action;
}

/** Revoking a working kiosk (or refusing a request) cannot be undone, so it asks first. */
export const needsConfirmation = (action: KioskAction) => action === 'revoke';

/** Typed ID numbers matter only where the kiosk may look anyone up, or may again. */
export const canToggleTypedId = (licence: KioskLicence) => licence === 'licensed' || licence === 'suspended';

/** A kiosk at a door syncs every few minutes while open; a day without one is worth a look. */
export const staleAfterMs = 24 * 60 * 60 * 1000;

export type SyncState = { kind: 'never' } | { kind: 'recent'; at: string } | { kind: 'stale'; at: string };

export function syncState(lastSeenAt: string | null, now: number): SyncState {
  if (!lastSeenAt) return { kind: 'never' };
  return now - Date.parse(lastSeenAt) > staleAfterMs ? { kind: 'stale', at: lastSeenAt } : { kind: 'recent', at: lastSeenAt };
}

/** Requests first, oldest first (whoever asked first is answered first); then the rest by venue, revoked last. */
export function splitKiosks<K extends { licence: KioskLicence; createdAt: string; venue: { number: string } }>(kiosks: readonly K[]) {
  const requests = kiosks.filter((kiosk) => kiosk.licence === 'requested').sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const others = kiosks
    .filter((kiosk) => kiosk.licence !== 'requested')
    .sort((a, b) => Number(a.licence === 'revoked') - Number(b.licence === 'revoked') || a.venue.number.localeCompare(b.venue.number));
  return { requests, others };
}
