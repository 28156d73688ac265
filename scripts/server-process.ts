/**
 * The real server as its own process (`server/main.ts`), the way a deployment runs each API node: for the
 * load script and the two-node end-to-end check, which kill and restart nodes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { DatabaseLocation } from '../server/storage/database.ts';

export interface ServerProcess {
  url: string;
  port: number;
  process: ChildProcess;
}

export function startServerProcess(port: number, location: DatabaseLocation, env: NodeJS.ProcessEnv = {}): ServerProcess {
  const nodeEnv: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), DEMO: 'true', ...env };
  if (location.engine === 'sqlite') nodeEnv.DATA_DIR = location.dataDir;
  else nodeEnv.DATABASE_URL = location.url;
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { env: nodeEnv, stdio: ['ignore', 'ignore', 'inherit'] });
  return { url: `http://127.0.0.1:${port}`, port, process: child };
}

/** Runs a node that is expected to refuse to start; gives its exit code and what it wrote to stderr. */
export async function runFailingServer(location: DatabaseLocation, env: NodeJS.ProcessEnv = {}, timeoutMs = 60_000): Promise<{ code: number | null; stderr: string }> {
  const nodeEnv: NodeJS.ProcessEnv = { ...process.env, PORT: '0', DEMO: 'true', ...env };
  if (location.engine === 'sqlite') nodeEnv.DATA_DIR = location.dataDir;
  else nodeEnv.DATABASE_URL = location.url;
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { env: nodeEnv, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearTimeout(timer);
  return { code, stderr };
}

export function isRunning(server: ServerProcess): boolean {
  return server.process.exitCode === null && server.process.signalCode === null;
}

/** Resolves once the node answers /api/ready (database reachable, schema current). */
export async function waitReady(server: ServerProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isRunning(server)) throw new Error(`node on ${server.url} exited (${server.process.exitCode ?? server.process.signalCode ?? '?'})`);
    try {
      if ((await fetch(`${server.url}/api/ready`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`node on ${server.url} not ready after ${timeoutMs} ms`);
}

/** Ends the node gracefully and waits for it to exit. */
export async function stopServerProcess(server: ServerProcess): Promise<void> {
  if (!isRunning(server)) return;
  const exited = new Promise((resolve) => server.process.once('exit', resolve));
  server.process.kill('SIGTERM');
  await exited;
}
