import { configFromEnv } from './config.ts';
import { startServer } from './server.ts';

const config = configFromEnv();
const server = await startServer(config);
console.log(`Suishen Wallet on ${server.url} (${config.demo ? 'demo mode' : 'production mode'}, data in ${config.dataDir})`);

async function shutDown() {
  await server.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutDown());
process.on('SIGTERM', () => void shutDown());
