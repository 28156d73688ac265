import '../../../ui/record-list.css';
import '../antigen.css';
import { lazy, Suspense } from 'react';
import { Link } from '../../../navigation/navigation.tsx';
import type { AntigenTest } from '../../../../core/contract/antigen.ts';
import { useI18n } from '../../../i18n/i18n-provider.tsx';
import { formatDateTime } from '../../../i18n/shanghai-time.ts';
import { shownTrust, TrustBadge, TrustNote } from '../../../records/antigen-trust.tsx';
import { sortAntigenTests, summariseAntigen } from '../../../records/antigen-summary.ts';
import { antigenSummaryText } from '../../../records/summary-messages.ts';
import { useAntigenTests } from '../../../records/api/get-antigen-tests.ts';
import { ErrorState, LoadingState } from '../../../ui/status-views.tsx';
import { usePendingAntigenUploads } from '../api/get-pending-antigen-uploads.ts';

/** Plain words for a refused or waiting self-test, in both languages: loaded only when the tab has one to explain. */
const RecordOutcome = lazy(() => import('./record-outcome.tsx').then((module) => ({ default: module.RecordOutcome })));

export function AntigenSummaryLine({ citizenId, now }: { citizenId: string; now: number }) {
  const { t } = useI18n();
  const query = useAntigenTests(citizenId);
  if (!query.data) return <>{query.isError ? t('error.title') : '…'}</>;
  const summary = summariseAntigen(query.data.antigenTests, now);
  return (
    <>
      <span className={`result result--${summary.kind}`}>{antigenSummaryText(summary, t)}</span>
      {summary.kind !== 'none' && <> <TrustBadge trust={shownTrust(summary.test)} /></>}
    </>
  );
}

export function AntigenPanel({ citizenId }: { citizenId: string }) {
  const { t } = useI18n();
  return (
    <>
      <Link to="/antigen/new" className="button button--secondary">
        {t('antigen.upload.open')}
      </Link>
      <PendingUploads citizenId={citizenId} />
      <AntigenRecords citizenId={citizenId} />
    </>
  );
}

/** Uploads still on this phone, so a result saved offline is visible at once. */
function PendingUploads({ citizenId }: { citizenId: string }) {
  const { t } = useI18n();
  const pending = usePendingAntigenUploads(citizenId);
  if (!pending.data || pending.data.length === 0) return null;
  return (
    <ol className="record-list" aria-label={t('antigen.upload.pending')}>
      {pending.data.map(({ id, upload, rejected }) => (
        <AntigenRecordItem
          key={id}
          test={upload}
          badge={rejected === undefined ? t('antigen.upload.pending') : t('antigen.upload.rejected')}
          rejected={rejected}
        />
      ))}
    </ol>
  );
}

function AntigenRecords({ citizenId }: { citizenId: string }) {
  const { t } = useI18n();
  const query = useAntigenTests(citizenId);
  if (query.isPending) return <LoadingState />;
  if (query.isError && !query.data) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const tests = sortAntigenTests(query.data.antigenTests);
  if (tests.length === 0) return <p className="empty">{t('antigen.empty')}</p>;
  return (
    <ol className="record-list">
      {tests.map((test) => (
        <AntigenRecordItem key={test.id} test={test} />
      ))}
    </ol>
  );
}

function AntigenRecordItem({
  test,
  badge,
  rejected,
}: {
  test: Pick<AntigenTest, 'result' | 'testedAt' | 'kit' | 'lot'> & Partial<Pick<AntigenTest, 'trust' | 'review'>>;
  badge?: string;
  /** The server's refusal, as the outbox keeps it. */
  rejected?: string | undefined;
}) {
  const { t } = useI18n();
  const waiting = test.trust !== undefined && shownTrust(test) === 'self-review';
  return (
    <li className={badge ? 'record record--pending' : 'record'}>
      <h2 className="record__title">
        <span className={`result result--${test.result}`}>{t(`antigen.result.${test.result}`)}</span>
        {badge && <span className="record__badge">{badge}</span>}
        {test.trust && <TrustBadge trust={shownTrust(test)} />}
      </h2>
      {(rejected !== undefined || waiting) && (
        <Suspense fallback={null}>
          <RecordOutcome {...(rejected === undefined ? {} : { rejected })} />
        </Suspense>
      )}
      {test.trust && !waiting && <TrustNote test={{ trust: test.trust, review: test.review }} />}
      <dl className="record__facts">
        <dt>{t('antigen.testedAt')}</dt>
        <dd>{formatDateTime(test.testedAt)}</dd>
        <dt>{t('antigen.kit')}</dt>
        <dd>
          {test.kit} · {test.lot}
        </dd>
      </dl>
    </li>
  );
}
