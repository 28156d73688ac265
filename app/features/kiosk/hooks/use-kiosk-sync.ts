import { useEffect, useState, useSyncExternalStore } from 'react';
import { ApiError } from '../../../api/client.ts';
import { isServerReachable } from '../../../api/reachability.ts';
import { useEngineFor } from '../../../offline/sync-context.tsx';
import { createSyncEngine, type SyncState } from '../../../offline/sync-engine.ts';
import { syncKioskVisits } from '../api/sync-kiosk-visits.ts';

/**
 * The kiosk's own run of the app's sync engine: its outbox owner is the kiosk, its endpoint /kiosk/sync with
 * the pairing token. Retries with growing delays, at once when the network returns; a 401 means the pairing
 * was revoked, which the page hears through `onUnauthorized`.
 */
export function useKioskSync(token: string, owner: string, onUnauthorized: (error: ApiError) => void): { state: SyncState; flush: () => void } {
  // The engine is made once, outside render's reach; a refusal reaches whoever listens now.
  const [unauthorized] = useState(() => new EventTarget());
  const [sync] = useState(() =>
    createSyncEngine({
      send: async (items) => {
        try {
          return await syncKioskVisits(token, items);
        } catch (error) {
          if (error instanceof ApiError && error.status === 401) unauthorized.dispatchEvent(new CustomEvent('unauthorized', { detail: error }));
          throw error;
        }
      },
      onStored: () => undefined,
      isOnline: () => navigator.onLine,
      isReachable: isServerReachable,
      isFinal: (error) => error instanceof ApiError && error.status === 401,
    }),
  );

  useEffect(() => {
    const listener = (event: Event) => {
      if (event instanceof CustomEvent && event.detail instanceof ApiError) onUnauthorized(event.detail);
    };
    unauthorized.addEventListener('unauthorized', listener);
    return () => unauthorized.removeEventListener('unauthorized', listener);
  }, [unauthorized, onUnauthorized]);

  useEngineFor(sync, owner);
  useEffect(() => () => sync.dispose(), [sync]);

  const state = useSyncExternalStore(sync.subscribe, () => sync.getState());
  return { state, flush: () => void sync.flush() };
}
