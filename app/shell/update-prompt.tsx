import '../offline/offline.css';
import { useState, useSyncExternalStore } from 'react';
import { useI18n } from '../i18n/i18n-provider.tsx';
import { applyUpdate, subscribeUpdate, updateWaiting } from '../offline/service-worker.ts';

/** "有新版本": the new build waits until the user taps, never reloading mid-task. */
export function UpdatePrompt() {
  const { t } = useI18n();
  const waiting = useSyncExternalStore(subscribeUpdate, updateWaiting);
  const [dismissed, setDismissed] = useState(false);
  if (!waiting || dismissed) return null;
  return (
    <div className="update-prompt" role="alert">
      <strong>{t('update.available')}</strong>
      <button type="button" className="button button--primary" onClick={applyUpdate}>
        {t('update.reload')}
      </button>
      <button type="button" className="button button--ghost" onClick={() => setDismissed(true)}>
        {t('update.later')}
      </button>
    </div>
  );
}
