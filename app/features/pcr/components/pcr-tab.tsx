import '../../../ui/record-list.css';
import { useI18n } from '../../../i18n/i18n-provider.tsx';
import { formatDateTime } from '../../../i18n/shanghai-time.ts';
import { usePcrTests } from '../../../records/api/get-pcr-tests.ts';
import { pcrTier, summarisePcr } from '../../../records/pcr-summary.ts';
import { ErrorState, LoadingState } from '../../../ui/status-views.tsx';

export function PcrSummaryLine({ citizenId, now }: { citizenId: string; now: number }) {
  const { t } = useI18n();
  const query = usePcrTests(citizenId);
  if (!query.data) return <>{query.isError ? t('error.title') : '…'}</>;
  const summary = summarisePcr(query.data.pcrTests, now);
  if (summary.kind === 'none') return <>{t('pcr.summary.none')}</>;
  return (
    <span className={`result result--${summary.result}`}>
      {t(`pcr.tier.${summary.tier}`)} {t(`pcr.result.${summary.result}`)}
    </span>
  );
}

export function PcrPanel({ citizenId, now }: { citizenId: string; now: number }) {
  const { t } = useI18n();
  const query = usePcrTests(citizenId);
  if (query.isPending) return <LoadingState />;
  if (query.isError && !query.data) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const tests = query.data.pcrTests;
  if (tests.length === 0) return <p className="empty">{t('pcr.empty')}</p>;
  return (
    <ol className="record-list">
      {tests.map((test) => (
        <li key={test.id} className="record">
          <h2 className="record__title">
            <span className={`result result--${test.result}`}>{t(`pcr.result.${test.result}`)}</span>
            <span className="record__badge">{t(`pcr.tier.${pcrTier(test.sampledAt, now)}`)}</span>
          </h2>
          <dl className="record__facts">
            <dt>{t('pcr.sampledAt')}</dt>
            <dd>{formatDateTime(test.sampledAt)}</dd>
            <dt>{t('pcr.reportedAt')}</dt>
            <dd>{test.reportedAt ? formatDateTime(test.reportedAt) : t('pcr.pending')}</dd>
            <dt>{t('pcr.institution')}</dt>
            <dd>{test.institution}</dd>
          </dl>
        </li>
      ))}
    </ol>
  );
}
