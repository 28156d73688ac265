/**
 * 0012-authority (docs/authority.md): the operators who grant powers, their passkeys and sessions, the
 * review state of venues, kiosk licences, and the append-only audit of what operators did.
 *
 * Existing data: every venue registered before this migration becomes `pending` (nobody ever checked it) and
 * every kiosk `requested` (nobody licensed it): their place codes keep checking visitors in, shown 未核实,
 * but their kiosks stop until an operator approves the venue and licenses the kiosk.
 */
import { sql, type Kysely } from 'kysely';

type AnyDb = Kysely<unknown>;

export async function authority(db: AnyDb, dialect: { engine: 'sqlite' | 'postgres' }): Promise<void> {
  const bytes = dialect.engine === 'postgres' ? 'bytea' : 'blob';
  await db.schema
    .createTable('operators')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('phone', 'text', (col) => col.notNull().unique())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('role', 'text', (col) => col.notNull().check(sql`role IN ('district-operator', 'city-admin')`))
    // Null exactly for a city administrator: a district operator without a district could act nowhere.
    .addColumn('district', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addCheckConstraint('operators_district', sql`(role = 'city-admin') = (district IS NULL)`)
    .execute();
  await db.schema
    .createTable('operator_passkeys')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('operator_id', 'text', (col) => col.notNull().references('operators.id'))
    .addColumn('public_key', bytes, (col) => col.notNull())
    .addColumn('counter', 'bigint', (col) => col.notNull())
    .addColumn('transports', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('last_used_at', 'text')
    .execute();
  await db.schema.createIndex('operator_passkeys_operator').on('operator_passkeys').column('operator_id').execute();
  // `stage` passkey: the code was right and the passkey step is next (its challenge kept here); full: signed in.
  await db.schema
    .createTable('operator_sessions')
    .addColumn('token_hash', 'text', (col) => col.primaryKey())
    .addColumn('operator_id', 'text', (col) => col.notNull().references('operators.id'))
    .addColumn('stage', 'text', (col) => col.notNull().check(sql`stage IN ('passkey', 'full')`))
    .addColumn('challenge', 'text')
    .addColumn('expires_at', 'bigint', (col) => col.notNull())
    .execute();

  await db.schema
    .alterTable('venues')
    .addColumn('status', 'text', (col) => col.notNull().defaultTo('pending').check(sql`status IN ('pending', 'approved', 'refused')`))
    .execute();
  await db.schema.alterTable('venues').addColumn('reviewed_by', 'text').execute();
  await db.schema.alterTable('venues').addColumn('reviewed_at', 'text').execute();
  await db.schema.alterTable('venues').addColumn('review_note', 'text').execute();
  await db.schema.createIndex('venues_review').on('venues').columns(['status', 'district', 'created_at']).execute();

  await db.schema
    .alterTable('kiosks')
    .addColumn('licence', 'text', (col) => col.notNull().defaultTo('requested').check(sql`licence IN ('requested', 'licensed', 'suspended', 'revoked')`))
    .execute();
  await db.schema.alterTable('kiosks').addColumn('typed_id_allowed', 'integer', (col) => col.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('kiosks').addColumn('licensed_at', 'text').execute();
  // A typed lookup that passed waits for the staff's tap; `confirmed_at` says it was given (one visit, once).
  await db.schema.alterTable('kiosk_lookups').addColumn('source', 'text').execute();
  await db.schema.alterTable('kiosk_lookups').addColumn('confirmed_at', 'text').execute();

  await db.schema
    .createTable('operator_audit')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('at', 'text', (col) => col.notNull())
    .addColumn('operator_id', 'text', (col) => col.notNull())
    .addColumn('operator_name', 'text', (col) => col.notNull())
    .addColumn('action', 'text', (col) => col.notNull())
    .addColumn('target', 'text', (col) => col.notNull())
    .addColumn('detail', 'text')
    .execute();
  await db.schema.createIndex('operator_audit_operator').on('operator_audit').columns(['operator_id', 'at']).execute();
  // Append-only in the database itself, not only in the code: an UPDATE or DELETE is refused by a trigger.
  if (dialect.engine === 'postgres') {
    await sql`CREATE FUNCTION operator_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'operator_audit is append-only'; END $$`.execute(db);
    await sql`CREATE TRIGGER operator_audit_append_only BEFORE UPDATE OR DELETE ON operator_audit
      FOR EACH ROW EXECUTE FUNCTION operator_audit_append_only()`.execute(db);
  } else {
    for (const event of ['UPDATE', 'DELETE']) {
      await sql
        .raw(`CREATE TRIGGER operator_audit_no_${event.toLowerCase()} BEFORE ${event} ON operator_audit BEGIN SELECT RAISE(ABORT, 'operator_audit is append-only'); END`)
        .execute(db);
    }
  }
}
