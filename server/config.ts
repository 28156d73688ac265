import { resolve } from 'node:path';

export interface ServerConfig {
  port: number;
  dataDir: string;
  /** Seeds demo citizens and shows one-time codes in the API response instead of sending an SMS. */
  demo: boolean;
  /** The built client; absent when only the API is served (server tests). */
  distDir: string | null;
}

/** Reads the environment once, with the embedded defaults `npm start` relies on. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a port number, got ${JSON.stringify(env.PORT)}`);
  }
  return {
    port,
    dataDir: resolve(env.DATA_DIR ?? './data'),
    demo: (env.DEMO ?? 'true') !== 'false',
    distDir: resolve(env.DIST_DIR ?? './dist'),
  };
}
