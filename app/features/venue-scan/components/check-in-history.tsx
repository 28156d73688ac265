import '../../../ui/record-list.css';
import '../venue-scan.css';
import { Link } from '../../../navigation/navigation.tsx';
import { useI18n } from '../../../i18n/i18n-provider.tsx';
import { formatDateTime } from '../../../i18n/shanghai-time.ts';
import { PageHeader } from '../../../ui/page-header.tsx';
import { ErrorState, LoadingState } from '../../../ui/status-views.tsx';
import { useCheckInHistory } from '../api/get-check-ins.ts';

/** 扫码记录: the last 14 days of check-ins, each marked 已登记 or 待上传. */
export function CheckInHistory({ citizenId }: { citizenId: string }) {
  const { t } = useI18n();
  const history = useCheckInHistory(citizenId);

  return (
    <main className="page">
      <PageHeader title={t('history.title')} backTo="/scan" />
      <p className="history__retention">{t('history.retention')}</p>
      {history.isPending ? (
        <LoadingState />
      ) : history.isError ? (
        <ErrorState error={history.error} onRetry={() => void history.refetch()} />
      ) : history.data.length === 0 ? (
        <p className="empty">{t('history.empty')}</p>
      ) : (
        <ol className="record-list">
          {history.data.map((entry) => (
            <li key={entry.id} className="record">
              <h2 className="record__title">
                <Link to={`/check-ins/${entry.id}`}>{entry.venueName}</Link>
                <span className={`record__badge check-in-state--${entry.status}`}>
                  {t(entry.status === 'synced' ? 'result.registered' : 'result.pending')}
                </span>
              </h2>
              <p>
                {entry.district} · {formatDateTime(entry.scannedAt)}
              </p>
            </li>
          ))}
        </ol>
      )}
    </main>
  );
}
