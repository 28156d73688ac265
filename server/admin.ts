/**
 * `npm run admin -- <command>`: the operator's tool, over the same database the server uses
 * (DATABASE_URL, else SQLite under DATA_DIR). Providers go through the storage layer (admin-commands.ts);
 * backup and restore work on the SQLite file itself and never open it through the migrator, so that
 * neither changes the database it copies.
 */
import { adminUsage, runAdmin } from './admin-commands.ts';
import { databaseFromEnv } from './config.ts';
import { createProviderService, ProviderError } from './services/providers.ts';
import { BackupError, backupSqlite, restoreSqlite } from './storage/backup.ts';
import { openDatabase } from './storage/database.ts';
import { createStorage } from './storage/storage.ts';

const args = process.argv.slice(2);
const [group, file, ...extra] = args;

async function fileCommand(): Promise<void> {
  const location = databaseFromEnv();
  if (location.engine !== 'sqlite') {
    throw new BackupError('On PostgreSQL use its own tools: pg_dump (or pg_basebackup with WAL archiving); see docs/operations.md, Backups.');
  }
  if (!file || extra.length > 0) throw new BackupError(adminUsage);
  if (group === 'backup') {
    const { bytes } = await backupSqlite(location.dataDir, file);
    console.log(`Backed up ${location.dataDir} to ${file} (${bytes} bytes, readable by this user only).`);
  } else {
    await restoreSqlite(location.dataDir, file);
    console.log(`Restored ${file} into ${location.dataDir}; start the servers again.`);
  }
}

try {
  if (group === 'backup' || group === 'restore') {
    await fileCommand();
  } else {
    const storage = createStorage(await openDatabase(databaseFromEnv()));
    try {
      const signingKeySecret = process.env.SIGNING_KEY_SECRET || undefined;
      await runAdmin(args, { providers: createProviderService(storage.providers), storage, signingKeySecret }, (line) => console.log(line));
    } finally {
      await storage.close();
    }
  }
} catch (error) {
  if (!(error instanceof ProviderError || error instanceof BackupError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
