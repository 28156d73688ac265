import '../../../ui/record-list.css';
import { useState } from 'react';
import type { AntigenReviewItem } from '../../../../core/contract/antigen-review.ts';
import { useConsoleText } from '../../../i18n/console-messages.ts';
import { formatDateTime } from '../../../i18n/shanghai-time.ts';
import { useAntigenReviews, useDecideAntigenReview } from '../api/operator-work.ts';
import { ConsoleFormError, QueryState } from './console-status.tsx';

/** Self-tests waiting for a look at their photo, oldest first: a person judges whether the cassette shows the result declared. */
export function AntigenReviewQueue() {
  const c = useConsoleText();
  const reviews = useAntigenReviews();
  const [done, setDone] = useState<string | null>(null);
  return (
    <section className="card" aria-labelledby="antigen-review">
      <h2 id="antigen-review">{c('console.review.title')}</h2>
      {done && <p className="console-notice" role="status">{done}</p>}
      <QueryState query={reviews} empty={(data) => (data.tests.length === 0 ? c('console.review.empty') : null)}>
        {(data) => (
          <ul className="record-list">
            {data.tests.map((test) => (
              <li key={test.id} className="record">
                <ReviewItem test={test} onDone={setDone} />
              </li>
            ))}
          </ul>
        )}
      </QueryState>
    </section>
  );
}

function ReviewItem({ test, onDone }: { test: AntigenReviewItem; onDone: (notice: string) => void }) {
  const c = useConsoleText();
  const decide = useDecideAntigenReview();
  const send = (decision: 'confirm' | 'reject') =>
    decide.mutate({ id: test.id, decision }, { onSuccess: () => onDone(c('console.review.decided', { name: test.maskedName })) });
  return (
    <article className="console-item" aria-label={test.maskedName}>
      <h3>{c('console.review.who', { name: test.maskedName })}</h3>
      <p>{c('console.review.reported', { result: c(`console.review.result.${test.result}`) })}</p>
      <p className="record__meta">{c('console.review.kit', { kit: test.kit, lot: test.lot })} · {c('console.review.tested', { time: formatDateTime(test.testedAt) })}</p>
      {test.photo ? (
        <img className="console-photo" src={`data:${test.photo.type};base64,${test.photo.base64}`} width={test.photo.width} height={test.photo.height}
          alt={c('console.review.photo', { time: formatDateTime(test.uploadedAt) })} />
      ) : (
        <p className="empty">{c('console.review.noPhoto')}</p>
      )}
      <ConsoleFormError error={decide.error} />
      <div className="button-row">
        <button type="button" className="button button--primary" disabled={decide.isPending} onClick={() => send('confirm')}>
          {c('console.review.confirm')}
        </button>
        <button type="button" className="button button--secondary" disabled={decide.isPending} onClick={() => send('reject')}>
          {c('console.review.reject')}
        </button>
      </div>
    </article>
  );
}
