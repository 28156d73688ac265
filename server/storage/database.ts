/**
 * The server's one database, behind Kysely: embedded SQLite (a file under DATA_DIR, WAL mode) by default,
 * PostgreSQL when DATABASE_URL names one. Everything above storage/ is unaware of which; the few places
 * that differ (column types, check-in partitions) ask `engine`. Every statement is built by Kysely with
 * parameters; nothing is ever concatenated into SQL.
 */
import { closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { CompiledQuery, Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type LogConfig, type SqliteDialectConfig } from 'kysely';
import pg from 'pg';
import { migrations } from './migrations.ts';
import type { Schema } from './schema.ts';

export type Engine = 'sqlite' | 'postgres';

export interface Database {
  db: Kysely<Schema>;
  engine: Engine;
  /** Whether the database answers and every migration has run: what /api/ready reports. */
  ready(): Promise<boolean>;
  /** Calls `listener` with each statement's duration (ms) and whether it failed: for /metrics. */
  observeQueries(listener: QueryListener): void;
  /** The PostgreSQL pool's connections (in use or idle) and the requests waiting for one; null on SQLite, which has one connection. */
  poolStats(): { total: number; idle: number; waiting: number } | null;
  close(): Promise<void>;
}

export type QueryListener = (durationMs: number, failed: boolean) => void;

export type DatabaseLocation = { engine: 'sqlite'; dataDir: string } | { engine: 'postgres'; url: string; poolSize?: number };

// PostgreSQL sends 64-bit integers (count(*), bigint columns) as text, since they may exceed 2^53; every
// one this schema holds is a count or a millisecond instant, far below that.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

/**
 * Why the server cannot start, in one line the operator can act on: a data folder it cannot write, a full
 * disk, a database from a newer version. main.ts prints it and exits; nothing has been changed.
 */
export class StartupError extends Error {}

function failureCode(error: unknown): string {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : '';
}

/** Turns a file-system or SQLite failure at start into what it means for the data folder, or undefined. */
export function startupProblem(error: unknown, where: string): StartupError | undefined {
  const code = failureCode(error);
  const detail = error instanceof Error ? error.message : String(error);
  if (code === 'ENOSPC' || code === 'SQLITE_FULL' || code === 'EDQUOT') {
    return new StartupError(`the disk holding ${where} is full (${detail}); free some space and start again. The database was not changed.`);
  }
  if (['EACCES', 'EPERM', 'EROFS'].includes(code) || code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN')) {
    return new StartupError(`${where} cannot be written (${detail}); the server needs to write its database there: check its permissions and mount.`);
  }
  return undefined;
}

function sqliteFile(dataDir: string): SqliteDatabase.Database {
  // Everyone's health records are in this folder: readable by the server's user only.
  try {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  } catch (error) {
    // A folder that cannot be made is as good as read-only, whatever the code (Node says ENOENT on a read-only mount).
    throw startupProblem(error, dataDir) ?? new StartupError(`${dataDir} cannot be written (${error instanceof Error ? error.message : String(error)}); the server needs to make its data folder there: check the path, its permissions and mount.`);
  }
  const path = join(dataDir, 'suishen.sqlite');
  // SQLite gives its -wal and -shm files the database file's mode.
  if (!existsSync(path)) closeSync(openSync(path, 'a', 0o600));
  const file = new SqliteDatabase(path);
  file.pragma('journal_mode = WAL');
  file.pragma('synchronous = NORMAL');
  file.pragma('busy_timeout = 5000');
  return file;
}

/**
 * Databases made before the move to Kysely kept their version in `user_version` and keyed record tables by
 * id alone. Their tables are set aside here, rebuilt by the migrations and filled again from them.
 */
const legacyTables = [
  'citizens', 'vaccinations', 'pcr_tests', 'antigen_tests', 'itinerary_stops', 'otp_codes', 'sessions', 'rule_sets',
  'signing_keys', 'family_links', 'sync_items', 'antigen_photos', 'venues', 'check_ins',
] as const;

function setLegacyTablesAside(file: SqliteDatabase.Database): boolean {
  if (file.pragma('user_version', { simple: true }) === 0) return false;
  file.transaction(() => {
    for (const table of legacyTables) file.exec(`ALTER TABLE ${table} RENAME TO legacy_${table}`);
    for (const index of file.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL").all()) {
      file.exec(`DROP INDEX ${index.name}`);
    }
    file.pragma('user_version = 0');
  })();
  return true;
}

function copyLegacyTables(file: SqliteDatabase.Database): void {
  file.transaction(() => {
    for (const table of legacyTables) {
      if (table === 'antigen_photos') {
        file.exec(`INSERT INTO antigen_photos (citizen_id, test_id, content_type, width, height, bytes)
          SELECT t.citizen_id, p.test_id, p.content_type, p.width, p.height, p.bytes
          FROM legacy_antigen_photos p JOIN legacy_antigen_tests t ON t.id = p.test_id`);
      } else {
        const columns = file
          .prepare<[], { name: string }>(`PRAGMA table_info(legacy_${table})`)
          .all()
          .map((column) => column.name)
          .join(', ');
        file.exec(`INSERT INTO ${table} (${columns}) SELECT ${columns} FROM legacy_${table}`);
      }
    }
    for (const table of [...legacyTables].reverse()) file.exec(`DROP TABLE legacy_${table}`);
  })();
}

/**
 * Kysely prepares every statement it runs; better-sqlite3 preparing the same text again and again was a
 * good part of a check-in's cost. Statements are kept by their text (the set is small: queries are built
 * from fixed shapes), bounded in case a caller builds many shapes.
 */
function withStatementCache(file: SqliteDatabase.Database): SqliteDialectConfig['database'] {
  const statements = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => file.close(),
    prepare(text: string) {
      let statement = statements.get(text);
      if (!statement) {
        if (statements.size >= 1000) statements.delete(statements.keys().next().value ?? '');
        statement = file.prepare(text);
        statements.set(text, statement);
      }
      return statement;
    },
  };
}

/** Refuses a database that a newer version has migrated: this version cannot know what its schema means. */
async function assertNotNewer(db: Kysely<Schema>, engine: Engine, where: string): Promise<void> {
  const known = new Set(Object.keys(migrations({ engine })));
  let applied: string[];
  try {
    applied = (await sql<{ name: string }>`SELECT name FROM kysely_migration`.execute(db)).rows.map((row) => row.name);
  } catch {
    return; // A new database: nothing migrated yet.
  }
  const unknown = applied.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new StartupError(
      `the database in ${where} was written by a newer version of Suishen Wallet (schema ${unknown.join(', ')}); run that version, or restore a backup made by this one.`,
    );
  }
}

async function migrate(db: Kysely<Schema>, engine: Engine): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: () => Promise.resolve(migrations({ engine })) } });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error || failed) {
    throw new Error(`database migration ${failed?.migrationName ?? ''} failed: ${String(error)}`, { cause: error });
  }
}

/**
 * Opens and migrates the SQLite file. Kysely runs SQLite migrations outside a transaction, so they are
 * wrapped in one here: a migration that fails (a full disk) leaves the file as it was, not half-migrated.
 */
async function openSqlite(dataDir: string, log: LogConfig): Promise<Kysely<Schema>> {
  let file: SqliteDatabase.Database | undefined;
  try {
    file = sqliteFile(dataDir);
    const legacy = setLegacyTablesAside(file);
    const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: withStatementCache(file) }), log });
    await assertNotNewer(db, 'sqlite', dataDir);
    // Off while migrating (it cannot change inside the transaction): a migration that rebuilds a table other
    // tables reference (0020, citizens) is SQLite's documented way only with foreign keys off. On again below.
    file.pragma('foreign_keys = OFF');
    file.exec('BEGIN IMMEDIATE');
    try {
      await migrate(db, 'sqlite');
      file.exec('COMMIT');
    } catch (error) {
      if (file.inTransaction) file.exec('ROLLBACK');
      throw startupProblem(error instanceof Error && error.cause ? error.cause : error, dataDir) ?? error;
    }
    if (legacy) copyLegacyTables(file);
    file.pragma('foreign_keys = ON');
    return db;
  } catch (error) {
    file?.close();
    throw startupProblem(error, dataDir) ?? error;
  }
}

export async function openDatabase(location: DatabaseLocation): Promise<Database> {
  let db: Kysely<Schema>;
  const listeners = new Set<QueryListener>();
  const log: LogConfig = (event) => {
    for (const listener of listeners) listener(event.queryDurationMillis, event.level === 'error');
  };
  let pool: pg.Pool | undefined;
  if (location.engine === 'sqlite') {
    db = await openSqlite(location.dataDir, log);
  } else {
    pool = new pg.Pool({ connectionString: location.url, max: location.poolSize ?? 10 });
    // An idle connection the server closed (a restart, a failover) is replaced on next use; it must not
    // take the node down with it.
    pool.on('error', (error) => console.warn(`idle PostgreSQL connection lost: ${error.message}`));
    db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }), log });
    try {
      await assertNotNewer(db, 'postgres', 'DATABASE_URL');
      await migrate(db, 'postgres');
    } catch (error) {
      await db.destroy();
      throw error;
    }
  }
  const engine = location.engine;
  return {
    db,
    engine,
    async ready() {
      try {
        await sql`SELECT 1`.execute(db);
        const known = await new Migrator({ db, provider: { getMigrations: () => Promise.resolve(migrations({ engine })) } }).getMigrations();
        return known.every((migration) => migration.executedAt !== undefined);
      } catch {
        return false;
      }
    },
    observeQueries: (listener) => listeners.add(listener),
    poolStats: () => (pool ? { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount } : null),
    close: () => db.destroy(),
  };
}

/** Runs one hand-written statement with `?` placeholders on either engine: for tests and the load script only. */
export async function rawQuery<Row>(database: Database, text: string, parameters: readonly unknown[] = []): Promise<Row[]> {
  let n = 0;
  const compiled = database.engine === 'postgres' ? text.replace(/\?/g, () => `$${++n}`) : text;
  return (await database.db.executeQuery<Row>(CompiledQuery.raw(compiled, [...parameters]))).rows;
}
