/**
 * Runs the one sync engine of the app for the signed-in citizen and exposes its state to React.
 * The engine starts on app start and on every `online` event, so the outbox drains by itself.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useSyncExternalStore } from 'react';
import { ApiError, request } from '../api/client.ts';
import { isServerReachable, subscribeReachability } from '../api/reachability.ts';
import { outboxKind } from './outbox.ts';
import { createSyncEngine, type SyncEngine, type SyncState } from './sync-engine.ts';

let engine: SyncEngine | undefined;

function useEngine(): SyncEngine {
  const queryClient = useQueryClient();
  engine ??= createSyncEngine({
    send: async (items) => (await request('syncBatch', { body: { items }, timeoutMs: 30_000 })).results,
    onStored(citizenId, kinds) {
      for (const kind of kinds) {
        for (const queryKey of outboxKind(kind)?.invalidates(citizenId) ?? []) void queryClient.invalidateQueries({ queryKey });
      }
    },
    isOnline: () => navigator.onLine,
    isReachable: isServerReachable,
    isFinal: (error) => error instanceof ApiError && (error.status === 401 || error.status === 403),
  });
  return engine;
}

/** Syncs the outbox of `citizenId` for as long as it is mounted. */
export function useOutboxSync(citizenId: string): void {
  useEngineFor(useEngine(), citizenId);
}

/** Runs `sync` for the outbox of `owner` while mounted, pausing offline and draining when the network or the server returns. */
export function useEngineFor(sync: SyncEngine, owner: string): void {
  useEffect(() => {
    sync.setCitizen(owner);
    const changed = () => sync.networkChanged();
    window.addEventListener('online', changed);
    window.addEventListener('offline', changed);
    const unsubscribe = subscribeReachability(() => sync.reachabilityChanged());
    return () => {
      window.removeEventListener('online', changed);
      window.removeEventListener('offline', changed);
      unsubscribe();
      sync.setCitizen(null);
    };
  }, [sync, owner]);
}

export function useSyncState(): SyncState {
  const sync = useEngine();
  return useSyncExternalStore(sync.subscribe, () => sync.getState());
}

/** Sends the outbox now (after a new item was queued). */
export function useFlushOutbox(): () => void {
  const sync = useEngine();
  return () => void sync.flush();
}
