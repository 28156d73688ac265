import type { ConsoleMessageKey } from '../../i18n/console-messages.ts';
import type { OwnedVenue, VenueStatus } from '../../../core/contract/venues.ts';

export const approvalLabel: Record<VenueStatus, ConsoleMessageKey> = {
  pending: 'owner.venue.pending',
  approved: 'owner.venue.approved',
  refused: 'owner.venue.refused',
};

/** Only an approved venue can have kiosks; a pending one's place code still checks visitors in, marked 未核实. */
export const canRequestKiosk = (venue: { status: VenueStatus }) => venue.status === 'approved';

/** What the owner is told under a venue: its status, the operator's reason when refused, and what to do next. */
export interface ApprovalNotice {
  label: ConsoleMessageKey;
  /** The reason as the operator wrote it, or the words saying none was given; only for a refused venue. */
  reason: { key: ConsoleMessageKey; reason?: string } | null;
  next: ConsoleMessageKey | null;
}

export function approvalNotice(venue: Pick<OwnedVenue, 'status' | 'refusalReason'>): ApprovalNotice {
  const label = approvalLabel[venue.status];
  if (venue.status === 'pending') return { label, reason: null, next: 'owner.venue.pendingHint' };
  if (venue.status === 'approved') return { label, reason: null, next: null };
  // The server has no edit of a registration: correcting means registering again; a decision thought wrong goes to the district.
  const reason = venue.refusalReason?.trim();
  return { label, reason: reason ? { key: 'owner.venue.refusedReason', reason } : { key: 'owner.venue.refusedNoReason' }, next: 'owner.venue.refusedNext' };
}
