import type { OwnedVenue } from '../../../../core/contract/venues.ts';
import { useConsoleText } from '../../../i18n/console-messages.ts';
import { StatusBadge } from '../../../ui/status-badge.tsx';
import { approvalNotice } from '../venue-approval.ts';

/** Where the district's review of the owner's venue stands, and when refused, why and what to do about it. */
export function VenueApprovalStatus({ venue }: { venue: OwnedVenue }) {
  const c = useConsoleText();
  const notice = approvalNotice(venue);
  return (
    <>
      <p>
        <StatusBadge status={venue.status}>{c(notice.label)}</StatusBadge>
      </p>
      {notice.reason && <p className="venue-refusal">{c(notice.reason.key, { reason: notice.reason.reason ?? '' })}</p>}
      {notice.next && <p className="record__meta">{c(notice.next, { district: venue.district })}</p>}
    </>
  );
}

/** The licence a kiosk holds, beside its name in the owner's list. */
export function KioskLicenceBadge({ licence }: { licence: 'requested' | 'licensed' | 'suspended' | 'revoked' }) {
  const c = useConsoleText();
  return <StatusBadge status={licence}>{c(`console.kiosks.status.${licence}`)}</StatusBadge>;
}
