import type { Venue } from '../../../../core/contract/venues.ts';
import { useConsoleText } from '../../../i18n/console-messages.ts';
import { approvalLabel } from '../venue-approval.ts';

/** Where the district's review of the owner's venue stands: 未核实 until an operator approved it. */
export function VenueApprovalStatus({ venue }: { venue: Venue }) {
  const c = useConsoleText();
  return (
    <>
      <p>
        <span className={`venue-approval venue-approval--${venue.status}`}>{c(approvalLabel[venue.status])}</span>
      </p>
      {venue.status === 'pending' && <p className="record__meta">{c('owner.venue.pendingHint')}</p>}
    </>
  );
}

/** The licence a kiosk holds, beside its name in the owner's list. */
export function KioskLicenceBadge({ licence }: { licence: 'requested' | 'licensed' | 'suspended' | 'revoked' }) {
  const c = useConsoleText();
  return <span className={`venue-approval venue-approval--${licence}`}>{c(`console.kiosks.status.${licence}`)}</span>;
}
