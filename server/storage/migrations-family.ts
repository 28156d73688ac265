/**
 * 0021: family link changes, kept (a dependant can leave a guardian, and both may ask when). One row per change of a
 * guardian's link to a dependant: linked by the guardian, unlinked by him, or left by her. Keyed by the
 * dependant, whose record it is, so that it shards with her rows (docs/scaling.md).
 */
import { sql, type Kysely } from 'kysely';

/* The migrator hands migrations an untyped database: tables are being made, not read. */
type AnyDb = Kysely<unknown>;

export async function familyLinkEvents(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('family_link_events')
    .addColumn('citizen_id', 'text', (col) => col.notNull())
    .addColumn('id', 'text', (col) => col.notNull())
    .addColumn('at', 'text', (col) => col.notNull())
    .addColumn('guardian_id', 'text', (col) => col.notNull())
    .addColumn('change', 'text', (col) => col.notNull().check(sql`change IN ('linked', 'unlinked', 'left')`))
    .addPrimaryKeyConstraint('family_link_events_pk', ['citizen_id', 'id'])
    .execute();
  await db.schema.createIndex('family_link_events_guardian').on('family_link_events').column('guardian_id').execute();
}
