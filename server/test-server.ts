import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from './server.ts';

/** A real server on a free port over a temporary SQLite file, removed again by `close`. */
export async function startTestServer(options: { demo?: boolean } = {}): Promise<RunningServer & { dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'suishen-test-'));
  const server = await startServer({ port: 0, dataDir, demo: options.demo ?? true, distDir: null });
  return {
    ...server,
    dataDir,
    close: async () => {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
