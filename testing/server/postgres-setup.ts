/**
 * Vitest global setup for the server suite's PostgreSQL run: one throwaway cluster for the whole run;
 * each test server then makes a database of its own in it (test-server.ts).
 */
import type { TestProject } from 'vitest/node';
import { startPostgresCluster } from './postgres-cluster.ts';
// For the `postgresUrl` it provides, declared where the test servers read it.
import type {} from './test-server.ts';

export default async function setup(project: TestProject): Promise<() => void> {
  const cluster = await startPostgresCluster();
  project.provide('postgresUrl', cluster.url());
  return () => cluster.stop();
}
