/**
 * Migration 0020 on the suite's engine: a database migrated up to just before it, with citizens, records
 * and a family link in it, is moved on; every row is still there as a resident ID, the links and records
 * still point at their citizens, and a number is unique within its document type and country only.
 */
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import { openDatabase, type Database } from './database.ts';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, testEngine } from '../../testing/server/test-server.ts';
import { migrations } from './migrations.ts';

type AnyDb = Kysely<unknown>;

const migrateUpTo = async (db: AnyDb, before: string) => {
  const all = migrations({ engine: testEngine });
  const chosen = Object.fromEntries(Object.entries(all).filter(([name]) => name < before));
  const { error } = await new Migrator({ db, provider: { getMigrations: () => Promise.resolve(chosen) } }).migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error('migration failed', { cause: error });
};

describe(`migration 0020 on ${testEngine}`, () => {
  let db: AnyDb;
  let drop: () => Promise<void>;
  let database: Database;

  beforeAll(async () => {
    const fresh = await freshDatabase();
    drop = fresh.drop;
    // Up to 0019 by hand, then the server's own opening runs 0020 as it does in production.
    const before = new Kysely<unknown>({
      dialect:
        fresh.database.engine === 'sqlite'
          ? new SqliteDialect({ database: new SqliteDatabase(join(fresh.database.dataDir, 'suishen.sqlite')) })
          : new PostgresDialect({ pool: new pg.Pool({ connectionString: fresh.database.url, max: 2 }) }),
    });
    db = before;
    await migrateUpTo(db, '0020');
    await sql`INSERT INTO citizens (id, phone, name, id_number, colour, colour_since) VALUES
      ('c1', '13900000001', '周八', '310101198001011111', 'green', '2022-04-01T00:00:00.000Z'),
      ('c2', NULL, '周奶奶', '310101194001011112', 'yellow', '2022-04-01T00:00:00.000Z')`.execute(db);
    await sql`INSERT INTO family_links (guardian_id, dependant_id, linked_at) VALUES ('c1', 'c2', '2022-04-01T00:00:00.000Z')`.execute(db);
    await sql`INSERT INTO pcr_tests (citizen_id, id, sampled_at, reported_at, result, institution) VALUES ('c2', 'p1', '2022-04-01T01:00:00.000Z', NULL, 'negative', 'lab')`.execute(db);
    await before.destroy();
    database = await openDatabase(fresh.database);
    db = database.db as unknown as AnyDb;
  });
  afterAll(async () => {
    await database.close();
    await drop();
  });

  it('keeps every citizen, as a resident ID, with their links and records', async () => {
    const { rows } = await sql<{ id: string; phone: string | null; id_number: string; document_type: string; document_country: string; colour: string }>`
      SELECT id, phone, id_number, document_type, document_country, colour FROM citizens ORDER BY id`.execute(db);
    expect(rows).toEqual([
      { id: 'c1', phone: '13900000001', id_number: '310101198001011111', document_type: 'resident-id', document_country: '', colour: 'green' },
      { id: 'c2', phone: null, id_number: '310101194001011112', document_type: 'resident-id', document_country: '', colour: 'yellow' },
    ]);
    const links = await sql<{ n: number | string }>`SELECT count(*) AS n FROM family_links f JOIN citizens c ON c.id = f.dependant_id JOIN pcr_tests p ON p.citizen_id = c.id`.execute(db);
    expect(Number(links.rows[0]?.n)).toBe(1);
    if (testEngine === 'sqlite') expect((await sql`PRAGMA foreign_key_check`.execute(db)).rows).toEqual([]);
    expect(await database.ready()).toBe(true);
  });

  it('makes a number unique within its type and country, not across them', async () => {
    const insert = (id: string, number: string, type: string, country: string, phone: string | null = null) =>
      sql`INSERT INTO citizens (id, phone, name, id_number, document_type, document_country, colour, colour_since)
        VALUES (${id}, ${phone}, 'SMITH EMMA', ${number}, ${type}, ${country}, 'green', '2022-04-01T00:00:00.000Z')`.execute(db);
    await insert('p-gbr', '533401879', 'passport', 'GBR');
    await insert('p-usa', '533401879', 'passport', 'USA');
    await expect(insert('p-gbr-again', '533401879', 'passport', 'GBR')).rejects.toThrow(/unique|duplicate/i);
    await expect(insert('r-again', '310101198001011111', 'resident-id', '')).rejects.toThrow(/unique|duplicate/i);
    await expect(insert('bad-type', 'X1', 'library-card', '')).rejects.toThrow(/check/i);
    // The phone stays unique across everyone.
    await expect(insert('p-chn', '533401879', 'passport', 'CHN', '13900000001')).rejects.toThrow(/unique|duplicate/i);
  });
});
