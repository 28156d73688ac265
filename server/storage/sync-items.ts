import type { Kysely } from 'kysely';
import type { Schema } from './schema.ts';

/** Whose an id is: this citizen's own, or already spent by someone else. */
export type SyncItemOwner = 'mine' | 'theirs';

/** The ids of writes already taken from devices' outboxes: the whole of the server's idempotency. */
export function createSyncItemStore(db: Kysely<Schema>) {
  return {
    /** Which of these ids are already spent, and by whom. */
    async owners(citizenId: string, ids: readonly string[]): Promise<Map<string, SyncItemOwner>> {
      if (ids.length === 0) return new Map();
      const rows = await db.selectFrom('sync_items').select(['id', 'citizen_id']).where('id', 'in', ids).execute();
      return new Map(rows.map((row) => [row.id, row.citizen_id === citizenId ? 'mine' : 'theirs']));
    },
    /**
     * Records the id unless it is spent already: 'claimed' when this call recorded it, else whose it is.
     * Inside the transaction that stores the item's effects, a concurrent second copy waits here and then
     * finds it taken.
     */
    async claim(item: { id: string; citizenId: string; kind: string; receivedAt: string }): Promise<'claimed' | SyncItemOwner> {
      const row = await db
        .insertInto('sync_items')
        .values({ id: item.id, citizen_id: item.citizenId, kind: item.kind, received_at: item.receivedAt })
        .onConflict((conflict) => conflict.column('id').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (row) return 'claimed';
      const owner = await db.selectFrom('sync_items').select('citizen_id').where('id', '=', item.id).executeTakeFirstOrThrow();
      return owner.citizen_id === item.citizenId ? 'mine' : 'theirs';
    },
    async deleteReceivedBefore(cutoff: string): Promise<void> {
      await db.deleteFrom('sync_items').where('received_at', '<', cutoff).execute();
    },
  };
}

export type SyncItemStore = ReturnType<typeof createSyncItemStore>;
