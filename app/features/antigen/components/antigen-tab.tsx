import { useI18n } from '../../../i18n/i18n-provider.tsx';
import { formatDateTime } from '../../../i18n/shanghai-time.ts';
import { sortAntigenTests, summariseAntigen } from '../../../records/antigen-summary.ts';
import { useAntigenTests } from '../../../records/api/get-antigen-tests.ts';
import { ErrorState, LoadingState } from '../../../ui/status-views.tsx';

const summaryKeys = {
  none: 'antigen.summary.none',
  'fresh-negative': 'antigen.summary.fresh',
  positive: 'antigen.summary.positive',
  stale: 'antigen.summary.stale',
} as const;

export function AntigenSummaryLine({ citizenId, now }: { citizenId: string; now: number }) {
  const { t } = useI18n();
  const query = useAntigenTests(citizenId);
  if (!query.data) return <>{query.isError ? t('error.title') : '…'}</>;
  const summary = summariseAntigen(query.data.antigenTests, now);
  return <span className={`result result--${summary.kind}`}>{t(summaryKeys[summary.kind])}</span>;
}

export function AntigenPanel({ citizenId }: { citizenId: string }) {
  const { t } = useI18n();
  const query = useAntigenTests(citizenId);
  if (query.isPending) return <LoadingState />;
  if (query.isError && !query.data) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const tests = sortAntigenTests(query.data.antigenTests);
  if (tests.length === 0) return <p className="empty">{t('antigen.empty')}</p>;
  return (
    <ol className="record-list">
      {tests.map((test) => (
        <li key={test.id} className="record">
          <h3 className="record__title">
            <span className={`result result--${test.result}`}>{t(`antigen.result.${test.result}`)}</span>
          </h3>
          <dl className="record__facts">
            <dt>{t('antigen.testedAt')}</dt>
            <dd>{formatDateTime(test.testedAt)}</dd>
            <dt>{t('antigen.kit')}</dt>
            <dd>
              {test.kit} · {test.lot}
            </dd>
          </dl>
        </li>
      ))}
    </ol>
  );
}
