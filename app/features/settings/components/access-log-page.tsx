import '../../../ui/record-list.css';
import '../settings.css';
import { useI18n } from '../../../i18n/i18n-provider.tsx';
import { formatDateTime } from '../../../i18n/shanghai-time.ts';
import { PageHeader } from '../../../ui/page-header.tsx';
import { ErrorState, LoadingState } from '../../../ui/status-views.tsx';
import { accessLogLine } from '../access-log-line.ts';
import { useAccessLog } from '../api/get-access-log.ts';

/** 查询记录: who other than the citizen looked at or corrected their records, when and why, newest first. */
export function AccessLogPage() {
  const { t } = useI18n();
  const log = useAccessLog();

  return (
    <main className="page">
      <PageHeader title={t('accessLog.title')} backTo="/settings" />
      <p className="footnote">{t('accessLog.intro')}</p>
      <section className="card" aria-labelledby="access-log-title">
        <h2 id="access-log-title" className="visually-hidden">
          {t('accessLog.title')}
        </h2>
        {log.isPending ? (
          <LoadingState />
        ) : log.isError ? (
          <ErrorState error={log.error} onRetry={() => void log.refetch()} />
        ) : log.data.entries.length === 0 ? (
          <p className="empty">{t('accessLog.empty')}</p>
        ) : (
          <ol className="record-list">
            {log.data.entries.map((entry) => {
              const line = accessLogLine(entry);
              return (
                <li key={entry.id} className="record access-log__entry">
                  <h3 className="record__title">
                    {line.who}
                    <span className="record__badge">{t(line.kind)}</span>
                  </h3>
                  <p>
                    <time dateTime={line.at}>{formatDateTime(line.at)}</time>
                  </p>
                  <p>
                    {t(line.why)} · {t(line.what)}
                  </p>
                </li>
              );
            })}
          </ol>
        )}
      </section>
    </main>
  );
}
