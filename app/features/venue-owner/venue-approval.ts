import type { ConsoleMessageKey } from '../../i18n/console-messages.ts';

export type VenueApproval = 'pending' | 'approved' | 'refused';

/**
 * What the owner sees of a venue's review. A venue from before approval existed carries no status and is
 * taken as approved: its kiosks were already working.
 */
export function venueApproval(venue: { status?: VenueApproval | undefined }): VenueApproval {
  return venue.status ?? 'approved';
}

export const approvalLabel: Record<VenueApproval, ConsoleMessageKey> = {
  pending: 'owner.venue.pending',
  approved: 'owner.venue.approved',
  refused: 'owner.venue.refused',
};

/** Only an approved venue can have kiosks; a pending one's place code still checks visitors in. */
export const canRequestKiosk = (venue: { status?: VenueApproval | undefined }) => venueApproval(venue) === 'approved';
