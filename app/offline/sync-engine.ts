/**
 * Sends the outbox to POST /api/sync/batch. One run at a time; batches stay under the server's size
 * limit; an item leaves the outbox only once the server answered 'stored' or 'duplicate' for it.
 * A failed run is retried with growing delays, and at once when the browser comes back online.
 * Whatever happens here is published as SyncState for the always-visible status line; `online` there means the
 * server answers, not only that a network is attached, so it turns true again only once something got through.
 */
import { maxSyncBatchBytes, maxSyncBatchItems, type SyncItem, type SyncItemResult } from '../../core/contract/sync.ts';
import { markAttempt, readOutbox, removeFromOutbox, subscribeOutbox, type OutboxItem } from './outbox.ts';

export interface SyncState {
  online: boolean;
  syncing: boolean;
  pending: number;
  rejected: number;
  lastSyncedAt: number | null;
  lastFailedAt: number | null;
}

export interface SyncEngineDeps {
  send: (items: SyncItem[]) => Promise<SyncItemResult[]>;
  /** Told which kinds were stored, so their queries can be refreshed. */
  onStored: (citizenId: string, kinds: ReadonlySet<string>) => void;
  /** Whether a network is attached (the browser's word): no sending is tried without one. */
  isOnline: () => boolean;
  /** Whether the server answered the last request; without this the engine believes `isOnline`. */
  isReachable?: () => boolean;
  /** Whether an error means "stop trying until the user acts" (e.g. logged out), not "try later". */
  isFinal: (error: unknown) => boolean;
}

/** Wait before retry number `failures` (1-based): 2 s, 4 s, 8 s … capped at 5 minutes. */
export function retryDelayMs(failures: number): number {
  return Math.min(2000 * 2 ** Math.max(0, failures - 1), 5 * 60_000);
}

/** Splits items into batches whose JSON stays well under the server's limit, each within the contract's item count. */
export function batchesOf(items: readonly SyncItem[], maxBytes = maxSyncBatchBytes / 2): SyncItem[][] {
  const batches: SyncItem[][] = [];
  let current: SyncItem[] = [];
  let size = 0;
  for (const item of items) {
    const itemSize = JSON.stringify(item).length;
    if (current.length > 0 && (size + itemSize > maxBytes || current.length === maxSyncBatchItems)) {
      batches.push(current);
      current = [];
      size = 0;
    }
    current.push(item);
    size += itemSize;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

export function createSyncEngine(deps: SyncEngineDeps) {
  let citizenId: string | null = null;
  const onlineNow = (): boolean => deps.isOnline() && (deps.isReachable?.() ?? true);
  let state: SyncState = { online: onlineNow(), syncing: false, pending: 0, rejected: 0, lastSyncedAt: null, lastFailedAt: null };
  const listeners = new Set<() => void>();
  let running: Promise<void> | null = null;
  let again = false;
  let failures = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  function publish(patch: Partial<SyncState>): void {
    state = { ...state, ...patch };
    listeners.forEach((listener) => {
      listener();
    });
  }

  async function count(): Promise<void> {
    if (!citizenId) return;
    const outbox = await readOutbox(citizenId);
    publish({ pending: outbox.pending.length, rejected: outbox.rejected.length });
  }

  async function sendAll(owner: string): Promise<void> {
    const { pending } = await readOutbox(owner);
    publish({ pending: pending.length });
    if (pending.length === 0) return;
    const stored = new Set<string>();
    for (const batch of batchesOf(pending.map((item: OutboxItem) => ({ id: item.id, kind: item.kind, payload: item.payload })))) {
      let results: SyncItemResult[];
      try {
        results = await deps.send(batch);
      } catch (error) {
        await markAttempt(batch.map((item) => ({ id: item.id, error: error instanceof Error ? error.message : String(error), rejected: false })));
        throw error;
      }
      const done = results.filter((result) => result.status !== 'rejected').map((result) => result.id);
      await removeFromOutbox(done);
      await markAttempt(
        results
          .filter((result) => result.status === 'rejected')
          // The code first, so a feature can say why in the user's language; the message after it for people reading logs.
          .map((result) => ({ id: result.id, error: result.error ? `${result.error.code}: ${result.error.message}` : 'rejected', rejected: true })),
      );
      for (const result of results) {
        const kind = batch.find((item) => item.id === result.id)?.kind;
        if (result.status !== 'rejected' && kind) stored.add(kind);
      }
    }
    if (stored.size > 0) deps.onStored(owner, stored);
  }

  async function run(): Promise<void> {
    const owner = citizenId;
    if (!owner) return;
    if (!deps.isOnline()) {
      publish({ online: false });
      await count();
      return;
    }
    publish({ syncing: true });
    try {
      await sendAll(owner);
      failures = 0;
      publish({ lastSyncedAt: Date.now(), lastFailedAt: null });
    } catch (error) {
      failures += 1;
      publish({ lastFailedAt: Date.now() });
      if (!deps.isFinal(error)) {
        clearTimeout(retryTimer);
        retryTimer = setTimeout(() => void flush(), retryDelayMs(failures));
      }
    } finally {
      publish({ syncing: false, online: onlineNow() });
      await count();
    }
  }

  /** Sends what is waiting now; if a run is going on, one more run follows it. */
  function flush(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = run().finally(() => {
      running = null;
      if (again) {
        again = false;
        void flush();
      }
    });
    return running;
  }

  function retryNow(): void {
    failures = 0;
    clearTimeout(retryTimer);
    void flush();
  }

  const unsubscribe = subscribeOutbox(() => void count());

  return {
    /** Starts syncing for the signed-in citizen (or stops, with null). */
    setCitizen(next: string | null): void {
      if (next === citizenId) return;
      citizenId = next;
      failures = 0;
      clearTimeout(retryTimer);
      publish({ pending: 0, rejected: 0, lastFailedAt: null });
      void flush();
    },
    flush,
    /** The browser's network came or went: with one back, a send at once is also the probe of the server. */
    networkChanged(): void {
      publish({ online: onlineNow() });
      if (deps.isOnline()) retryNow();
    },
    /** The server answered again, or stopped answering (then the retry timer keeps probing, no send here). */
    reachabilityChanged(): void {
      publish({ online: onlineNow() });
      if (state.online) retryNow();
    },
    getState: (): SyncState => state,
    subscribe: (listener: () => void): (() => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose(): void {
      clearTimeout(retryTimer);
      unsubscribe();
    },
  };
}

export type SyncEngine = ReturnType<typeof createSyncEngine>;
