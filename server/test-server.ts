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

/** Logs a demo citizen in over HTTP and returns the `Cookie` header value of their session. */
export async function loginCookie(url: string, phone: string): Promise<string> {
  const otp = await fetch(`${url}/api/auth/otp`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ phone }),
  });
  const { demoCode } = (await otp.json()) as { demoCode?: string };
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ phone, code: demoCode }),
  });
  const session = response.headers.getSetCookie().find((cookie) => cookie.startsWith('sw_session='));
  if (!session) throw new Error(`no session cookie for ${phone}`);
  return session.split(';')[0] ?? '';
}
