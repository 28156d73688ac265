import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import type { ServerConfig } from '../../server/config.ts';
import type { SmsWebhook } from '../../server/services/code-sender.ts';
import type { KioskCaps, KioskLookupLimits } from '../../server/services/kiosks.ts';
import type { LoginLimits } from '../../server/services/login-limits.ts';
import { startServer, type RunningServer } from '../../server/server.ts';
import { rawQuery } from '../../server/storage/database.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The throwaway cluster of the PostgreSQL run (test-postgres-setup.ts). */
    postgresUrl: string;
  }
}

export interface TestServer extends RunningServer {
  /** Where its database is, for a separate process (the admin tool) to open the same one. */
  location: ServerConfig['database'];
  /** Runs one hand-written statement with `?` placeholders against this server's database. */
  query<Row>(sql: string, ...parameters: unknown[]): Promise<Row[]>;
  /** Starts another node over the same database, as a second process behind a balancer would be. */
  startNode(overrides?: Partial<ServerConfig>): Promise<RunningServer>;
}

/** Which engine the server suite runs on: SQLite, or PostgreSQL in the suite's second run (vite.config.ts). */
export const testEngine = process.env.TEST_DATABASE === 'postgres' ? 'postgres' : 'sqlite';

export async function freshDatabase(): Promise<{ database: ServerConfig['database']; drop: () => Promise<void> }> {
  if (testEngine === 'sqlite') {
    const dataDir = mkdtempSync(join(tmpdir(), 'suishen-test-'));
    return {
      database: { engine: 'sqlite', dataDir },
      drop: () => {
        rmSync(dataDir, { recursive: true, force: true });
        return Promise.resolve();
      },
    };
  }
  const adminUrl = inject('postgresUrl');
  const name = `test_${crypto.randomUUID().replaceAll('-', '')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    database: { engine: 'postgres', url: url.toString(), poolSize: 5 },
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/** A real server on a free port over a fresh database of the suite's engine, removed again by `close`. */
export async function startTestServer(
  options: {
    demo?: boolean;
    signingKeySecret?: string;
    smsWebhook?: SmsWebhook;
    loginLimits?: LoginLimits;
    kioskLookupLimits?: KioskLookupLimits;
    kioskCaps?: KioskCaps;
    trustProxy?: number;
    publicOrigin?: string;
    bodyTimeoutMs?: number;
    clock?: () => number;
    metricsToken?: string;
    logDestination?: ServerConfig['logDestination'];
  } = {},
): Promise<TestServer> {
  const fresh = await freshDatabase();
  const config: ServerConfig = { port: 0, database: fresh.database, demo: options.demo ?? true, distDir: null, ...options };
  const server = await startServer(config);
  const nodes: RunningServer[] = [];
  return {
    ...server,
    location: fresh.database,
    query: (sql, ...parameters) => rawQuery(server.database, sql, parameters),
    async startNode(overrides: Partial<ServerConfig> = {}) {
      const node = await startServer({ ...config, ...overrides });
      nodes.push(node);
      return node;
    },
    close: async () => {
      for (const node of nodes) await node.close();
      await server.close();
      await fresh.drop();
    },
  };
}
