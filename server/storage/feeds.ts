import type { Kysely } from 'kysely';
import type { FeedRecordHistoryTable, FeedRecordsTable, Schema } from './schema.ts';

export type FeedRecordRow = FeedRecordsTable;
export type FeedHistoryRow = FeedRecordHistoryTable;

/**
 * What providers sent, as rows, read and written a batch at a time: a feed is ingested in batches of
 * hundreds of lines, so each step is one statement per batch, not one per line.
 */
export function createFeedStore(db: Kysely<Schema>) {
  return {
    /** The current versions of these external ids of one provider's scope, by external id. */
    async find(provider: string, scope: string, externalIds: readonly string[]): Promise<Map<string, FeedRecordRow>> {
      if (externalIds.length === 0) return new Map();
      const rows = await db
        .selectFrom('feed_records')
        .selectAll()
        .where('provider', '=', provider)
        .where('scope', '=', scope)
        .where('external_id', 'in', externalIds)
        .execute();
      return new Map(rows.map((row) => [row.external_id, row]));
    },
    /** Stores new versions; each (provider, scope, external id) at most once per call. */
    async put(rows: readonly FeedRecordRow[]): Promise<void> {
      if (rows.length === 0) return;
      await db
        .insertInto('feed_records')
        .values([...rows])
        .onConflict((conflict) =>
          conflict.columns(['provider', 'scope', 'external_id']).doUpdateSet((eb) => ({
            version: eb.ref('excluded.version'),
            citizen_id: eb.ref('excluded.citizen_id'),
            record_id: eb.ref('excluded.record_id'),
            content_hash: eb.ref('excluded.content_hash'),
            content: eb.ref('excluded.content'),
            received_at: eb.ref('excluded.received_at'),
          })),
        )
        .execute();
    },
    async keepHistory(rows: readonly FeedHistoryRow[]): Promise<void> {
      if (rows.length > 0) await db.insertInto('feed_record_history').values([...rows]).execute();
    },
  };
}

export type FeedStore = ReturnType<typeof createFeedStore>;
