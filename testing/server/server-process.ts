/**
 * The real server as its own process (`server/main.ts`), the way a deployment runs each API node: for what
 * must start it as an operator does (without demo mode, with the admin tool), measure it, or kill and restart it.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import type { DatabaseLocation } from '../../server/storage/database.ts';

export interface ServerProcess {
  url: string;
  port: number;
  process: ChildProcess;
}

export function startServerProcess(port: number, location: DatabaseLocation, env: NodeJS.ProcessEnv = {}): ServerProcess {
  const nodeEnv: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), DEMO: 'true', ...databaseEnv(location), ...env };
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { env: nodeEnv, stdio: ['ignore', 'ignore', 'inherit'] });
  return { url: `http://127.0.0.1:${port}`, port, process: child };
}

function databaseEnv(location: DatabaseLocation): NodeJS.ProcessEnv {
  return location.engine === 'sqlite' ? { DATA_DIR: location.dataDir } : { DATABASE_URL: location.url };
}

/** `npm run admin -- provider add …` as an operator runs it, over a server's database; gives back the key it printed last. */
export function addProvider(location: DatabaseLocation, name: string, scopes: string): string {
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'server/admin.ts', 'provider', 'add', name, '--scopes', scopes], {
    env: { ...process.env, ...databaseEnv(location) },
    encoding: 'utf8',
  });
  return out.trim().split('\n').at(-1) ?? '';
}

/** Runs a node that is expected to refuse to start; gives its exit code and what it wrote to stderr. */
export async function runFailingServer(location: DatabaseLocation, env: NodeJS.ProcessEnv = {}, timeoutMs = 60_000): Promise<{ code: number | null; stderr: string }> {
  const nodeEnv: NodeJS.ProcessEnv = { ...process.env, PORT: '0', DEMO: 'true', ...databaseEnv(location), ...env };
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
