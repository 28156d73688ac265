import { useI18n } from '../i18n/i18n-provider.tsx';
import { errorMessageKey } from './error-message.ts';

export function LoadingState({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <div className="status-view" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{label ?? t('app.loading')}</span>
    </div>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <div className="status-view status-view--error" role="alert">
      <strong>{t('error.title')}</strong>
      <span>{t(errorMessageKey(error))}</span>
      {onRetry && (
        <button type="button" className="button button--secondary" onClick={onRetry}>
          {t('app.retry')}
        </button>
      )}
    </div>
  );
}

/** A failed request's message under the form that sent it; nothing while there is no error. */
export function FormError({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (!error) return null;
  return (
    <p className="field__error" role="alert">
      {t(errorMessageKey(error))}
    </p>
  );
}
