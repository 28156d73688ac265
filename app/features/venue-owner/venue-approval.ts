import type { ConsoleMessageKey } from '../../i18n/console-messages.ts';
import type { VenueStatus } from '../../../core/contract/venues.ts';

export const approvalLabel: Record<VenueStatus, ConsoleMessageKey> = {
  pending: 'owner.venue.pending',
  approved: 'owner.venue.approved',
  refused: 'owner.venue.refused',
};

/** Only an approved venue can have kiosks; a pending one's place code still checks visitors in, marked 未核实. */
export const canRequestKiosk = (venue: { status: VenueStatus }) => venue.status === 'approved';
