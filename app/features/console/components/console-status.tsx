import { useConsoleText } from '../../../i18n/console-messages.ts';
import { consoleErrorKey } from '../console-error.ts';

export function ConsoleLoading() {
  const c = useConsoleText();
  return (
    <div className="status-view" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{c('console.loading')}</span>
    </div>
  );
}

export function ConsoleError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const c = useConsoleText();
  return (
    <div className="status-view status-view--error" role="alert">
      <strong>{c('console.error.title')}</strong>
      <span>{c(consoleErrorKey(error))}</span>
      {onRetry && (
        <button type="button" className="button button--secondary" onClick={onRetry}>
          {c('console.retry')}
        </button>
      )}
    </div>
  );
}

/** A failed action's words under the control that sent it; what was typed stays where it was. */
export function ConsoleFormError({ error }: { error: unknown }) {
  const c = useConsoleText();
  if (!error) return null;
  return (
    <p className="field__error" role="alert">
      {c(consoleErrorKey(error))}
    </p>
  );
}

/** A query's three states before its data: loading, an error with a retry, and (for lists) empty. */
export function QueryState<T>({ query, empty, children }: {
  query: { isPending: boolean; isError: boolean; error: unknown; data: T | undefined; refetch: () => unknown };
  empty: (data: T) => string | null;
  children: (data: T) => React.ReactNode;
}) {
  if (query.isPending) return <ConsoleLoading />;
  if (query.isError || query.data === undefined) return <ConsoleError error={query.error} onRetry={() => void query.refetch()} />;
  const emptyText = empty(query.data);
  if (emptyText) return <p className="empty">{emptyText}</p>;
  return <>{children(query.data)}</>;
}
