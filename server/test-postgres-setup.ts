/**
 * Vitest global setup for the server suite's PostgreSQL run: one throwaway cluster for the whole run;
 * each test server then makes a database of its own in it (test-server.ts).
 */
import type { TestProject } from 'vitest/node';
import { startPostgresCluster } from '../scripts/postgres-cluster.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const cluster = await startPostgresCluster();
  project.provide('postgresUrl', cluster.url());
  return () => cluster.stop();
}
