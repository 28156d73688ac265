import { configFromEnv } from './config.ts';
import { startServer } from './server.ts';

const config = configFromEnv();
const server = await startServer(config);
const where = config.database.engine === 'sqlite' ? `SQLite in ${config.database.dataDir}` : 'PostgreSQL (DATABASE_URL)';
console.log(`Suishen Wallet on ${server.url} (${config.demo ? 'demo mode' : 'production mode'}, ${where})`);

async function shutDown() {
  await server.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutDown());
process.on('SIGTERM', () => void shutDown());
