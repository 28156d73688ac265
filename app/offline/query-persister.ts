/**
 * Keeps the TanStack Query cache in IndexedDB, one entry per citizen, so that a cold start with no
 * network renders the panel at once. Only the citizen last signed in on this device is restored;
 * logging out deletes their entry and everything else kept about them, so the next person on the
 * phone starts from nothing.
 * Everything read back is validated: a query whose data no longer fits its schema (older build,
 * hand-edited) is dropped with a logged reason and simply fetched again.
 */
import { issueText } from '../../core/contract/common.ts';
import type { PersistedClient, Persister } from '@tanstack/react-query-persist-client';
import * as z from 'zod/mini';
import { refuseDeviceKeys } from './credential-store.ts';
import { storage, walletDb } from './db.ts';
import { lastCitizenKey, lastSignedInCitizen } from './kept-code.ts';

export { lastSignedInCitizen } from './kept-code.ts';

const writeDelayMs = 500;

export interface CitizenPersisterOptions {
  /** Whose cache this is, read from the cache itself (the signed-in profile). */
  citizenOf: (client: PersistedClient) => string | undefined;
  /** Why a restored query's data is unusable, or null when it fits its schema. */
  queryProblem: (queryKey: readonly unknown[], data: unknown) => string | null;
  /**
   * Starts reading the stored cache at once, for the first restore: the provider asks only after its first
   * render, and a cold start's code waits on that read.
   */
  readAhead?: boolean;
}

const persistedShape = z.object({
  timestamp: z.number(),
  buster: z.string(),
  clientState: z.object({
    mutations: z.array(z.unknown()),
    queries: z.array(z.object({ queryKey: z.array(z.unknown()), queryHash: z.string(), state: z.object({ data: z.unknown() }) })),
  }),
});

/** Keeps the sound queries of a stored client; null when the whole record is unusable. */
export function soundClient(record: unknown, queryProblem: CitizenPersisterOptions['queryProblem']): PersistedClient | null {
  const parsed = persistedShape.safeParse(record);
  if (!parsed.success) {
    console.warn(`Skipping the stored query cache: ${issueText(parsed.error, 'malformed')}`);
    return null;
  }
  const client = record as PersistedClient;
  const queries = client.clientState.queries.filter((query) => {
    const problem = queryProblem(query.queryKey, query.state.data);
    if (problem) console.warn(`Skipping stored query ${query.queryHash}: ${problem}`);
    return problem === null;
  });
  return { ...client, clientState: { ...client.clientState, queries } };
}

/** The write that waits for the cache to settle. */
let pendingWrite: { timer: ReturnType<typeof setTimeout>; write: () => void } | undefined;

function writeNow(): void {
  const pending = pendingWrite;
  cancelPendingWrite();
  pending?.write();
}

function writeIfHidden(): void {
  if (document.visibilityState === 'hidden') writeNow();
}

/**
 * A reload or a closed tab inside the wait would lose the newest cache, so a hidden page writes at once.
 * The listeners live only while a write waits: the page is not touched before the cache first changes.
 */
function scheduleWrite(write: () => void): void {
  if (pendingWrite) clearTimeout(pendingWrite.timer);
  else {
    addEventListener('pagehide', writeNow);
    addEventListener('visibilitychange', writeIfHidden);
  }
  pendingWrite = { timer: setTimeout(writeNow, writeDelayMs), write };
}

function cancelPendingWrite(): void {
  if (!pendingWrite) return;
  clearTimeout(pendingWrite.timer);
  pendingWrite = undefined;
  removeEventListener('pagehide', writeNow);
  removeEventListener('visibilitychange', writeIfHidden);
}

export function createCitizenPersister({ citizenOf, queryProblem, readAhead = false }: CitizenPersisterOptions): Persister {
  const restore = async () => {
    const citizenId = await lastSignedInCitizen();
    if (citizenId === undefined) return undefined;
    const entry = await (await walletDb()).get(storage.stores.queryCache, citizenId);
    return entry ? (soundClient(entry.client, queryProblem) ?? undefined) : undefined;
  };
  let readEarly = readAhead ? restore() : undefined;
  // A failed early read is not reported here: the restore that takes it reports it as its own.
  readEarly?.catch(() => undefined);
  return {
    persistClient(client) {
      // The cache changes on every fetch; one write per burst is enough and spares the disk.
      scheduleWrite(() => {
        const citizenId = citizenOf(client);
        if (!citizenId) return;
        void walletDb()
          .then((db) => {
            // On pagehide the document is gone before any answer comes back, so both requests go in one
            // transaction that is committed at once rather than after their answers (a cache without the
            // last-citizen pointer would never be restored).
            const tx = db.transaction([storage.stores.queryCache, storage.stores.settings], 'readwrite');
            const written = Promise.all([
              tx.objectStore(storage.stores.queryCache).put({ key: citizenId, savedAt: Date.now(), client }),
              tx.objectStore(storage.stores.settings).put(citizenId, lastCitizenKey),
              tx.done,
            ]);
            tx.commit();
            return written;
          })
          .catch((error: unknown) => {
            reportStorageError(error);
          });
      });
    },
    restoreClient() {
      const read = readEarly ?? restore();
      readEarly = undefined;
      return read;
    },
    async removeClient() {
      const db = await walletDb();
      const citizenId: unknown = await db.get(storage.stores.settings, lastCitizenKey);
      if (typeof citizenId === 'string') await db.delete(storage.stores.queryCache, citizenId);
    },
  };
}

/**
 * Logout: everything this device keeps about the citizen and the relatives whose codes they showed
 * leaves it (cached records, credentials, device keys, check-ins), and nobody is restored at the next
 * start. Their unsent outbox items stay, under their id and shown to nobody else, and go out at their
 * next login: nothing entered is lost. One transaction, so a closed tab cannot leave half of it behind.
 *
 * An account that was deleted (注销账号) has no next login: `outbox: true` drops its unsent items too.
 */
export async function forgetCitizen(citizenId: string, dependantIds: readonly string[] = [], options: { outbox?: boolean } = {}): Promise<void> {
  cancelPendingWrite();
  refuseDeviceKeys([citizenId, ...dependantIds]);
  const { queryCache, settings, credentials, deviceKeys, checkIns, outbox } = storage.stores;
  const db = await walletDb();
  const tx = db.transaction([queryCache, settings, credentials, deviceKeys, checkIns, outbox], 'readwrite');
  const subjects = [citizenId, ...dependantIds];
  const forgetCheckIns = async () => {
    for (let cursor = await tx.objectStore(checkIns).openCursor(); cursor; cursor = await cursor.continue()) {
      if (cursor.value.citizenId === citizenId) await cursor.delete();
    }
  };
  const forgetOutbox = async () => {
    for (let cursor = await tx.objectStore(outbox).index('by-citizen').openCursor(citizenId); cursor; cursor = await cursor.continue()) {
      await cursor.delete();
    }
  };
  await Promise.all([
    tx.objectStore(queryCache).delete(citizenId),
    ...subjects.flatMap((subject) => [tx.objectStore(credentials).delete(subject), tx.objectStore(deviceKeys).delete(subject)]),
    tx.objectStore(settings).get(lastCitizenKey).then((last: unknown) => (last === citizenId ? tx.objectStore(settings).delete(lastCitizenKey) : undefined)),
    forgetCheckIns(),
    ...(options.outbox ? [forgetOutbox()] : []),
  ]);
  await tx.done;
}

const storageErrorListeners = new Set<(error: unknown) => void>();

/** A quota or storage failure becomes visible state (the sync line in sync-status.tsx listens), never a crash. */
export function reportStorageError(error: unknown): void {
  console.warn('Local storage failed', error);
  storageErrorListeners.forEach((listener) => {
    listener(error);
  });
}

export function onStorageError(listener: (error: unknown) => void): () => void {
  storageErrorListeners.add(listener);
  return () => storageErrorListeners.delete(listener);
}
