/**
 * `npm run admin -- <command>`: the operator's tool, over the same database the server uses
 * (DATABASE_URL, else SQLite under DATA_DIR), through the storage layer. See admin-commands.ts.
 */
import { runAdmin } from './admin-commands.ts';
import { databaseFromEnv } from './config.ts';
import { createProviderService, ProviderError } from './services/providers.ts';
import { openDatabase } from './storage/database.ts';
import { createStorage } from './storage/storage.ts';

const storage = createStorage(await openDatabase(databaseFromEnv()));
try {
  await runAdmin(process.argv.slice(2), createProviderService(storage.providers), (line) => console.log(line));
} catch (error) {
  if (!(error instanceof ProviderError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
} finally {
  await storage.close();
}
