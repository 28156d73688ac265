import './offline.css';
import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/i18n-provider.tsx';
import { formatDateTime, formatRelativeAge, relativeAge } from '../i18n/shanghai-time.ts';
import { useNow } from '../ui/use-now.ts';
import { onStorageError } from './query-persister.ts';
import { useSyncState } from './sync-context.tsx';

function useRelativeAge(at: number): string {
  const { t, language } = useI18n();
  const age = relativeAge(at, useNow(30_000));
  return age.unit === 'justNow' ? t('time.justNow') : formatRelativeAge(age, language);
}

function SyncedAge({ at }: { at: number }) {
  const { t } = useI18n();
  return <>{t('sync.synced', { age: useRelativeAge(at) })}</>;
}

/** The always-visible sync line: offline, waiting uploads, a failed attempt, or how fresh the data is. */
export function SyncStatus({ dataSyncedAt }: { dataSyncedAt: number }) {
  const { t } = useI18n();
  const state = useSyncState();
  const [storageFailed, setStorageFailed] = useState(false);
  useEffect(() => onStorageError(() => setStorageFailed(true)), []);
  const syncedAt = Math.max(state.lastSyncedAt ?? 0, dataSyncedAt);
  const parts = [
    !state.online && <span key="offline" className="sync-status__offline">{t('sync.offline')}</span>,
    state.pending > 0 && <span key="pending">{t('sync.pending', { n: state.pending })}</span>,
    state.rejected > 0 && <span key="rejected">{t('sync.rejected', { n: state.rejected })}</span>,
    state.online && state.lastFailedAt !== null && <span key="failed">{t('sync.failed')}</span>,
    <span key="synced">{syncedAt > 0 ? <SyncedAge at={syncedAt} /> : t('sync.never')}</span>,
  ].filter(Boolean);
  return (
    <div className="sync-status" role="status" aria-live="polite" data-testid="sync-status">
      {parts}
      {storageFailed && <p className="sync-status__storage" role="alert">{t('sync.storage')}</p>}
    </div>
  );
}

/** When the data of one view was last fetched from the server. */
export function SyncedAt({ at }: { at: number }) {
  const { t } = useI18n();
  if (at === 0) return null;
  return <p className="synced-at">{t('sync.lastSynced', { time: formatDateTime(at) })}</p>;
}
