/**
 * 0020: a citizen is known by an identity document, not only a resident ID number (core/identity/). The
 * number column stays where it is; beside it the document's type and, for a passport, its issuing state.
 * Every existing row is a resident ID and becomes one in place, nothing copied out. A number is unique
 * within its type and country only: two states may issue the same passport number.
 */
import { sql, type Kysely } from 'kysely';
import { documentTypes } from '../../core/identity/documents.ts';

interface Dialect {
  engine: 'sqlite' | 'postgres';
}

/* The migrator hands migrations an untyped database. */
type AnyDb = Kysely<unknown>;

/** Led by the number, so that lookups by number alone (the feeds' batches) still use it. */
const uniqueDocument = 'CONSTRAINT citizens_document UNIQUE (id_number, document_type, document_country)';

export async function identityDocuments(db: AnyDb, dialect: Dialect): Promise<void> {
  const allowed = sql.join(documentTypes.map((type) => sql.lit(type)));
  await db.schema
    .alterTable('citizens')
    .addColumn('document_type', 'text', (col) => col.notNull().defaultTo('resident-id').check(sql`document_type IN (${allowed})`))
    .execute();
  // '' rather than NULL where there is no country: NULLs are never equal, and would let a number in twice.
  await db.schema.alterTable('citizens').addColumn('document_country', 'text', (col) => col.notNull().defaultTo('')).execute();
  if (dialect.engine === 'postgres') {
    await sql`ALTER TABLE citizens DROP CONSTRAINT citizens_id_number_key`.execute(db);
    await sql.raw(`ALTER TABLE citizens ADD ${uniqueDocument}`).execute(db);
  } else {
    await rebuildSqliteCitizens(db);
  }
}

/**
 * SQLite cannot drop a column's UNIQUE, so the table is made again from its own definition (whatever columns
 * migrations before this one added), the rows copied and the old table replaced: SQLite's documented way.
 * Foreign keys are off while migrations run (database.ts), and the other tables' references name `citizens`,
 * which the new table is once renamed; foreign_key_check then proves every reference still holds.
 */
async function rebuildSqliteCitizens(db: AnyDb): Promise<void> {
  const { rows } = await sql<{ type: string; name: string; sql: string | null }>`SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'citizens'`.execute(db);
  const definition = rows.find((row) => row.type === 'table')?.sql ?? '';
  const withoutUnique = definition.replace(/("id_number"\s+text\s+not null)\s+unique/i, '$1');
  if (withoutUnique === definition) throw new Error('0020: the citizens table has no UNIQUE id_number to replace');
  const rebuilt = withoutUnique.replace(/^CREATE TABLE\s+"?citizens"?/i, 'CREATE TABLE "citizens_0020"').replace(/\)\s*$/, `, ${uniqueDocument})`);
  await sql.raw(rebuilt).execute(db);
  await sql`INSERT INTO citizens_0020 SELECT * FROM citizens`.execute(db);
  await sql`DROP TABLE citizens`.execute(db);
  await sql`ALTER TABLE citizens_0020 RENAME TO citizens`.execute(db);
  // Indexes made by name (none today) go with the old table; make them again.
  for (const index of rows) if (index.type === 'index' && index.sql) await sql.raw(index.sql).execute(db);
  const broken = await sql`PRAGMA foreign_key_check`.execute(db);
  if (broken.rows.length > 0) throw new Error(`0020: ${broken.rows.length} references broken by the rebuild of citizens`);
}
