import type { Db } from './database.ts';

/** The ids of writes already taken from devices' outboxes: the whole of the server's idempotency. */
export function createSyncItemStore(db: Db) {
  const find = db.prepare<[string], { citizen_id: string }>('SELECT citizen_id FROM sync_items WHERE id = ?');
  const insert = db.prepare(
    'INSERT INTO sync_items (id, citizen_id, kind, received_at) VALUES (@id, @citizenId, @kind, @receivedAt)',
  );
  return {
    /** The citizen who first sent this id, if anyone has. */
    ownerOf: (id: string): string | undefined => find.get(id)?.citizen_id,
    record: (item: { id: string; citizenId: string; kind: string; receivedAt: string }) => insert.run(item),
    /** Runs `work` in one transaction, so an item and its effects are stored together or not at all. */
    transaction: <T>(work: () => T): T => db.transaction(work)(),
  };
}

export type SyncItemStore = ReturnType<typeof createSyncItemStore>;
