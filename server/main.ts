import { configFromEnv, type ServerConfig } from './config.ts';
import { startServer, type RunningServer } from './server.ts';
import { StartupError } from './storage/database.ts';

let config: ServerConfig;
try {
  config = { ...configFromEnv(), logDestination: process.stdout };
} catch (error) {
  // A configuration mistake is the operator's to fix: say what to set, without a stack trace.
  console.error(`Suishen Wallet not started: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
/** A fault a restart will not fix: supervisors can be told not to restart on it (systemd RestartPreventExitStatus=78). */
const configurationExit = 78;

let server: RunningServer;
try {
  server = await startServer(config);
} catch (error) {
  // One line that says what is wrong, not a stack trace a supervisor prints again at every restart.
  if (!(error instanceof StartupError)) throw error;
  console.error(`Suishen Wallet not started: ${error.message}`);
  process.exit(configurationExit);
}
const where = config.database.engine === 'sqlite' ? `SQLite in ${config.database.dataDir}` : 'PostgreSQL (DATABASE_URL)';
console.log(`Suishen Wallet on ${server.url} (${config.demo ? 'demo mode' : 'production mode'}, ${where})`);

async function shutDown() {
  await server.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutDown());
process.on('SIGTERM', () => void shutDown());
