import '../../../ui/record-list.css';
import { useConsoleText } from '../../../i18n/console-messages.ts';
import { formatDateTime } from '../../../i18n/shanghai-time.ts';
import { useOperatorAudit } from '../api/operator-work.ts';
import { auditLine } from '../audit-line.ts';
import { QueryState } from './console-status.tsx';

/** The signed-in operator's own actions, newest first: the append-only record the server keeps. */
export function AuditLog() {
  const c = useConsoleText();
  const audit = useOperatorAudit();
  return (
    <section className="card" aria-labelledby="audit">
      <h2 id="audit">{c('console.audit.title')}</h2>
      <p>{c('console.audit.intro')}</p>
      <QueryState query={audit} empty={(data) => (data.entries.length === 0 ? c('console.audit.empty') : null)}>
        {(data) => (
          <ol className="record-list">
            {data.entries.map((entry) => {
              const line = auditLine(entry);
              return (
                <li key={entry.id} className="record">
                  <p>{c(line.key, line.values)}</p>
                  <p className="record__meta">
                    <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
                    {entry.detail && ` · ${c('console.audit.detail', { detail: entry.detail })}`}
                  </p>
                </li>
              );
            })}
          </ol>
        )}
      </QueryState>
    </section>
  );
}
