import type { IncomingMessage, Server as NodeServer, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { defaultApprovedKits } from '../core/antigen/approved-kits.ts';
import { defaultRuleSets } from '../core/rules/default-rule-sets.ts';
import { createApp } from './app.ts';
import { watchDatabase } from './http/observability.ts';
import { composeServices, type Services } from './compose.ts';
import type { ServerConfig } from './config.ts';
import { seedDemo } from './services/demo-seed.ts';
import { seedDemoOperators } from './services/demo-operators.ts';
import { keepHouse, scheduleHouseKeeping } from './services/retention.ts';
import { createSigner } from './services/signer.ts';
import { openDatabase, startupProblem, type Database } from './storage/database.ts';
import { createStorage, type Storage } from './storage/storage.ts';

/**
 * How long a request may take to arrive whole. Node's default (5 minutes) cut off a provider's feed of a
 * million lines streaming into a busy server (scripts/bench/feeds.ts), so feeds get an hour; every other
 * request keeps Node's 5 minutes, so a slow sender cannot hold a connection that long anywhere. Slow headers are bounded apart from this (Node's headersTimeout).
 */
const maxRequestMs = 60 * 60 * 1000;
export const defaultBodyTimeoutMs = 5 * 60 * 1000;
const longUploadPath = /^\/api\/feeds\//;

/** Ends any request but a feed whose body has not arrived whole within `limitMs`. */
function limitSlowBodies(server: NodeServer, limitMs: number): void {
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    if (longUploadPath.test(request.url ?? '')) return;
    const timer = setTimeout(() => {
      if (!request.complete) request.socket.destroy();
    }, limitMs);
    timer.unref();
    response.once('close', () => clearTimeout(timer));
  });
}

const signerRefreshMs = 60 * 1000;

export interface RunningServer {
  url: string;
  services: Services;
  storage: Storage;
  /** The database underneath, for tests and the load script to count rows with. */
  database: Database;
  close(): Promise<void>;
}

/**
 * Opens the database (migrating it), brings rules and demo data up to date, and listens. Used by
 * `npm start`, every API node of a deployment, and tests. Nodes keep nothing of their own: whatever a
 * request leaves behind is in the database, so the next request may go to any node.
 */
export async function startServer(config: ServerConfig): Promise<RunningServer> {
  const database = await openDatabase(config.database);
  const storage = createStorage(database);
  let services: Services;
  try {
    services = composeServices(storage, config, await createSigner(storage.signingKeys, config.signingKeySecret));
    for (const set of defaultRuleSets) await storage.ruleSets.put(set);
    for (const kit of defaultApprovedKits) await storage.antigenKits.put(kit);
    if (config.demo) await seedDemo(storage);
    if (config.demo) await seedDemoOperators(storage.operators);
    await keepHouse(storage, services.auth);
    await services.revocations.prepare();
  } catch (error) {
    await storage.close();
    throw (config.database.engine === 'sqlite' && startupProblem(error, config.database.dataDir)) || error;
  }
  watchDatabase(services.metrics, database);
  const stopHouseKeeping = scheduleHouseKeeping(storage, services.auth);
  // A key rotation (admin tool) is a row in the database: every node signs with the new key within a minute.
  const keyRefresh = setInterval(() => {
    services.signer.refresh().catch((error: unknown) => console.error(`signing keys not refreshed: ${error instanceof Error ? error.message : String(error)}`));
  }, signerRefreshMs);
  keyRefresh.unref();

  return new Promise((resolve) => {
    const server = serve({ fetch: createApp(services).fetch, port: config.port, serverOptions: { requestTimeout: maxRequestMs } }, (info: AddressInfo) => {
      limitSlowBodies(server as NodeServer, config.bodyTimeoutMs ?? defaultBodyTimeoutMs);
      resolve({
        url: `http://localhost:${info.port}`,
        services,
        storage,
        database,
        close: () =>
          new Promise<void>((done, fail) => {
            stopHouseKeeping();
            clearInterval(keyRefresh);
            server.close(() => {
              storage.close().then(done, fail);
            });
          }),
      });
    });
  });
}
