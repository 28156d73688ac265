import { configFromEnv, type ServerConfig } from './config.ts';
import { startServer } from './server.ts';

let config: ServerConfig;
try {
  config = configFromEnv();
} catch (error) {
  // A configuration mistake is the operator's to fix: say what to set, without a stack trace.
  console.error(`Suishen Wallet not started: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
const server = await startServer(config);
const where = config.database.engine === 'sqlite' ? `SQLite in ${config.database.dataDir}` : 'PostgreSQL (DATABASE_URL)';
console.log(`Suishen Wallet on ${server.url} (${config.demo ? 'demo mode' : 'production mode'}, ${where})`);

async function shutDown() {
  await server.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutDown());
process.on('SIGTERM', () => void shutDown());
