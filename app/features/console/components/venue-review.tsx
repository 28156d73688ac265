import '../../../ui/record-list.css';
import { useState } from 'react';
import type { OperatorVenue } from '../../../../core/contract/console.ts';
import { useConsoleText } from '../../../i18n/console-messages.ts';
import { useI18n } from '../../../i18n/i18n-provider.tsx';
import { formatDateTime } from '../../../i18n/shanghai-time.ts';
import { useDecideVenue, useOperatorVenues } from '../api/operator-work.ts';
import { ConsoleFormError, QueryState } from './console-status.tsx';
import { ReasonForm } from './reason-form.tsx';

/** The district's pending registrations, each with what the owner entered and who the owner is. */
export function VenueReview() {
  const c = useConsoleText();
  const venues = useOperatorVenues('pending');
  const [done, setDone] = useState<string | null>(null);
  return (
    <section className="card" aria-labelledby="venue-review">
      <h2 id="venue-review">{c('console.venues.title')}</h2>
      {done && <p className="console-notice" role="status">{done}</p>}
      <QueryState query={venues} empty={(data) => (data.venues.length === 0 ? c('console.venues.empty') : null)}>
        {(data) => (
          <ul className="record-list">
            {data.venues.map((venue) => (
              <li key={venue.number} className="record">
                <PendingVenue venue={venue} onDone={setDone} />
              </li>
            ))}
          </ul>
        )}
      </QueryState>
    </section>
  );
}

function PendingVenue({ venue, onDone }: { venue: OperatorVenue; onDone: (notice: string) => void }) {
  const c = useConsoleText();
  const { t } = useI18n();
  const decide = useDecideVenue();
  const [refusing, setRefusing] = useState(false);
  const send = (decision: 'approve' | 'refuse', note?: string) =>
    decide.mutate(
      { number: venue.number, decision, note },
      { onSuccess: () => onDone(c(decision === 'approve' ? 'console.venues.approved' : 'console.venues.refused', { name: venue.name })) },
    );
  return (
    <article className="console-item" aria-label={venue.name}>
      <h3>{venue.name}</h3>
      <p>{c('console.venues.number', { number: venue.number })} · {venue.district}</p>
      <dl className="record__facts">
        <dt>{c('console.venues.address')}</dt>
        <dd>{venue.address}</dd>
        <dt>{c('console.venues.kind')}</dt>
        <dd>{t(`venue.kind.${venue.kind}`)}</dd>
        <dt>{c('console.venues.owner')}</dt>
        <dd>{venue.owner.name} · {venue.owner.maskedPhone}</dd>
      </dl>
      <p className="record__meta">{c('console.venues.submitted', { time: formatDateTime(venue.createdAt) })}</p>
      <ConsoleFormError error={decide.error} />
      {refusing ? (
        <ReasonForm busy={decide.isPending} onCancel={() => setRefusing(false)} onConfirm={(reason) => send('refuse', reason)} />
      ) : (
        <div className="button-row">
          <button type="button" className="button button--primary" disabled={decide.isPending} onClick={() => send('approve')}>
            {c('console.venues.approve')}
          </button>
          <button type="button" className="button button--secondary" disabled={decide.isPending} onClick={() => setRefusing(true)}>
            {c('console.venues.refuse')}
          </button>
        </div>
      )}
    </article>
  );
}
