import type { Kysely } from 'kysely';
import type { Schema } from './schema.ts';

/** Whose an id is: this citizen's own, or already spent by someone else. */
export type SyncItemOwner = 'mine' | 'theirs';

/** The ids of writes already taken from devices' outboxes: the whole of the server's idempotency. */
export function createSyncItemStore(db: Kysely<Schema>) {
  /** Which of these ids are already spent, and by whom. */
  async function owners(citizenId: string, ids: readonly string[]): Promise<Map<string, SyncItemOwner>> {
    if (ids.length === 0) return new Map();
    const rows = await db.selectFrom('sync_items').select(['id', 'citizen_id']).where('id', 'in', ids).execute();
    return new Map(rows.map((row) => [row.id, row.citizen_id === citizenId ? 'mine' : 'theirs']));
  }

  return {
    owners,
    /**
     * Records each id unless it is spent already, in one statement: 'claimed' for the ids this call recorded,
     * else whose the id is. Inside the transaction that stores the items' effects, a concurrent second copy
     * of an id waits here and then finds it taken; a second copy within `items` finds it 'mine'.
     */
    async claim(citizenId: string, items: readonly { id: string; kind: string }[], receivedAt: string): Promise<Map<string, 'claimed' | SyncItemOwner>> {
      const outcome = new Map<string, 'claimed' | SyncItemOwner>();
      // In id order, so that two transactions claiming overlapping batches lock rows in the same order
      // and wait for each other instead of deadlocking.
      const firsts = [...new Map(items.map((item) => [item.id, item])).values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      if (firsts.length === 0) return outcome;
      const rows = await db
        .insertInto('sync_items')
        .values(firsts.map((item) => ({ id: item.id, citizen_id: citizenId, kind: item.kind, received_at: receivedAt })))
        .onConflict((conflict) => conflict.column('id').doNothing())
        .returning('id')
        .execute();
      for (const row of rows) outcome.set(row.id, 'claimed');
      const taken = firsts.filter((item) => !outcome.has(item.id)).map((item) => item.id);
      for (const [id, owner] of await owners(citizenId, taken)) outcome.set(id, owner);
      return outcome;
    },
    async deleteReceivedBefore(cutoff: string): Promise<void> {
      await db.deleteFrom('sync_items').where('received_at', '<', cutoff).execute();
    },
  };
}

export type SyncItemStore = ReturnType<typeof createSyncItemStore>;
