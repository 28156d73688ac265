/**
 * Migration of the compact revocation list: 0022 indexes exactly the rows the list is read
 * from, the colour changes that changed a colour, by when they were recorded: a delta after a mass decision
 * is one range of one index, whatever else the table holds (repeated colours, older changes). The colours
 * are in it too, as SQLite reads a partial index as covering only if it holds the columns of its predicate.
 */
import { sql, type Kysely } from 'kysely';

/* The migrator hands migrations an untyped database: tables are being made, not read. */
type AnyDb = Kysely<unknown>;

export async function revocationIndex(db: AnyDb): Promise<void> {
  await db.schema
    .createIndex('colour_changes_revoking')
    .on('colour_changes')
    .columns(['recorded_at', 'citizen_id', 'colour', 'previous_colour'])
    .where(sql<boolean>`colour <> previous_colour`)
    .execute();
}
