/// <reference types="vite-plugin-pwa/react" />
/**
 * Registers the Workbox service worker that vite-plugin-pwa builds, and says "有新版本" when a new build
 * is waiting. The new build takes over only when the user taps: a silent reload in the middle of a
 * check at a door would be worse than running the old build a little longer. The outbox lives in
 * IndexedDB, which an update does not touch, so a queued record survives it.
 */
import '../offline/offline.css';
import { useRegisterSW } from 'virtual:pwa-register/react';
import { useI18n } from '../i18n/i18n-provider.tsx';

export function UpdatePrompt() {
  const { t } = useI18n();
  const {
    needRefresh: [waiting, setWaiting],
    updateServiceWorker,
  } = useRegisterSW();
  if (!waiting) return null;
  return (
    <div className="update-prompt" role="alert">
      <strong>{t('update.available')}</strong>
      <button type="button" className="button button--primary" onClick={() => void updateServiceWorker()}>
        {t('update.reload')}
      </button>
      <button type="button" className="button button--ghost" onClick={() => setWaiting(false)}>
        {t('update.later')}
      </button>
    </div>
  );
}
