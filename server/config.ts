import { resolve } from 'node:path';
import type { DatabaseLocation } from './storage/database.ts';

export interface ServerConfig {
  port: number;
  /** Embedded SQLite under a data folder (the default), or PostgreSQL at a URL. */
  database: DatabaseLocation;
  /** Seeds demo citizens and shows one-time codes in the API response instead of sending an SMS. */
  demo: boolean;
  /** The built client; absent when only the API is served (server tests). */
  distDir: string | null;
  /** Seals the private signing key in the database (services/signer.ts); unset stores it as it is. */
  signingKeySecret?: string;
}

/** Reads the environment once, with the embedded defaults `npm start` relies on. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a port number, got ${JSON.stringify(env.PORT)}`);
  }
  const url = env.DATABASE_URL?.trim();
  if (url && !/^postgres(ql)?:\/\//.test(url)) {
    throw new Error(`DATABASE_URL must be a postgres:// URL, got ${JSON.stringify(url.replace(/\/\/[^@]*@/, '//…@'))}`);
  }
  if (env.SIGNING_KEY_SECRET !== undefined && env.SIGNING_KEY_SECRET.length < 16) {
    throw new Error('SIGNING_KEY_SECRET must be at least 16 characters (a long random string, the same on every node).');
  }
  const poolSize = Number(env.DATABASE_POOL_SIZE ?? 10);
  if (!Number.isInteger(poolSize) || poolSize < 1) throw new Error(`DATABASE_POOL_SIZE must be a positive integer, got ${JSON.stringify(env.DATABASE_POOL_SIZE)}`);
  return {
    port,
    database: url ? { engine: 'postgres', url, poolSize } : { engine: 'sqlite', dataDir: resolve(env.DATA_DIR ?? './data') },
    demo: (env.DEMO ?? 'true') !== 'false',
    distDir: resolve(env.DIST_DIR ?? './dist'),
    ...(env.SIGNING_KEY_SECRET ? { signingKeySecret: env.SIGNING_KEY_SECRET } : {}),
  };
}
