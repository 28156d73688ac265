import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import type { ServerConfig } from './config.ts';
import { defaultRuleSets } from '../core/rules/default-rule-sets.ts';
import { seedDemo } from './services/demo-seed.ts';
import { createSigner } from './services/signer.ts';
import { createServices, type Services } from './services.ts';
import { openDatabase } from './storage/database.ts';

export interface RunningServer {
  url: string;
  services: Services;
  close(): Promise<void>;
}

/** Opens the database, brings rules and demo data up to date, and listens. Used by `npm start` and tests. */
export async function startServer(config: ServerConfig): Promise<RunningServer> {
  const db = openDatabase(config.dataDir);
  const services = createServices(db, config, await createSigner(db));
  defaultRuleSets.forEach((set) => services.ruleSets.put(set));
  if (config.demo) seedDemo(services.citizens, services.records);

  return new Promise((resolve) => {
    const server = serve({ fetch: createApp(services).fetch, port: config.port }, (info: AddressInfo) => {
      resolve({
        url: `http://localhost:${info.port}`,
        services,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => {
              db.close();
              done();
            });
          }),
      });
    });
  });
}
