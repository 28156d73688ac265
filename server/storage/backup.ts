/**
 * Backing up and restoring the embedded SQLite database (`npm run admin -- backup|restore <file>`).
 *
 * A backup is taken with SQLite's online backup API while servers keep writing: all pages are copied in
 * one step, inside one read transaction, so the copy is the database as of one instant (every write
 * acknowledged before the backup began is in it) and a busy server cannot make it start over. Backups
 * hold everyone's health records, so they are created readable by their owner only (0600).
 *
 * Restoring is more than copying a file: a WAL file left beside the old database would be replayed over
 * the restored one. So restore refuses while the database is open (its -wal or -shm file exists), checks
 * the backup, copies it beside the database and renames it into place, which is atomic.
 */
import { chmodSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { migrations } from './migrations.ts';

export class BackupError extends Error {}

export const sqliteFileName = 'suishen.sqlite';
/** More pages than any database has: the whole copy happens in one step, from one snapshot. */
const allPages = 0x7fffffff;

/** Runs `work` with files created readable by their owner only. */
async function ownerOnly<T>(work: () => Promise<T>): Promise<T> {
  const previous = process.umask(0o077);
  try {
    return await work();
  } finally {
    process.umask(previous);
  }
}

/** Refuses a file that is not a whole database of a schema this server knows (a newer one, a truncated copy). */
function checkDatabaseFile(file: string): void {
  let db: SqliteDatabase.Database;
  try {
    db = new SqliteDatabase(file, { fileMustExist: true });
  } catch (error) {
    throw new BackupError(`${file} cannot be opened as a database: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new BackupError(`${file} is damaged: ${String(integrity)}`);
    const known = new Set(Object.keys(migrations({ engine: 'sqlite' })));
    const applied = db.prepare<[], { name: string }>("SELECT name FROM kysely_migration").all().map((row) => row.name);
    const unknown = applied.filter((name) => !known.has(name));
    if (unknown.length > 0) throw new BackupError(`${file} is from a newer version of Suishen Wallet (schema ${unknown.join(', ')}); restore it with that version.`);
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`${file} is not a Suishen Wallet database: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    db.close();
  }
}

/** Copies the live database under `dataDir` to `destination` (a new file), and checks the copy. */
export async function backupSqlite(dataDir: string, destination: string): Promise<{ bytes: number }> {
  const live = join(dataDir, sqliteFileName);
  if (!existsSync(live)) throw new BackupError(`No database at ${live}: set DATA_DIR to the folder the server uses.`);
  if (existsSync(destination)) throw new BackupError(`${destination} already exists: name a new file, so that no backup (or the database) is overwritten.`);
  const source = new SqliteDatabase(live, { fileMustExist: true });
  try {
    source.pragma('busy_timeout = 5000');
    await ownerOnly(() => source.backup(destination, { progress: () => allPages }));
  } catch (error) {
    rmSync(destination, { force: true });
    throw new BackupError(`The backup failed and was removed: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    source.close();
  }
  chmodSync(destination, 0o600);
  checkDatabaseFile(destination);
  return { bytes: statSync(destination).size };
}

/** Puts the backup `source` in place of the database under `dataDir`; every server must be stopped. */
export async function restoreSqlite(dataDir: string, source: string): Promise<void> {
  const live = join(dataDir, sqliteFileName);
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(live + suffix)) {
      throw new BackupError(
        `${live}${suffix} exists: a server has the database open. Stop every server first (one that crashed leaves it too: start and stop a server once, then restore).`,
      );
    }
  }
  checkDatabaseFile(source);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const incoming = join(dataDir, `${sqliteFileName}.restoring`);
  rmSync(incoming, { force: true });
  const from = new SqliteDatabase(source, { fileMustExist: true });
  try {
    await ownerOnly(() => from.backup(incoming, { progress: () => allPages }));
  } finally {
    from.close();
  }
  chmodSync(incoming, 0o600);
  renameSync(incoming, live);
}
