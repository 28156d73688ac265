/**
 * The admin tool's provider commands: a key is shown once and stored only as a hash, listing and
 * revoking, every refusal, and `npm run admin` itself as a separate process over the same database.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAdmin } from './admin-commands.ts';
import { startTestServer, type TestServer } from '../testing/server/test-server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ demo: true });
});
afterAll(() => server.close());

async function admin(...args: string[]): Promise<string[]> {
  const lines: string[] = [];
  await runAdmin(args, { providers: server.services.providers, storage: server.storage }, (line) => lines.push(line));
  return lines;
}

describe('provider commands', () => {
  it('adds a provider and prints its key on the last line, storing only its SHA-256', async () => {
    const lines = await admin('provider', 'add', 'lab-1', '--scopes', 'pcr-results, antigen-results');
    const key = lines.at(-1) ?? '';
    expect(key).toMatch(/^ssp_[A-Za-z0-9_-]{43}$/);
    const rows = await server.query<{ key_hash: string; scopes: string }>('SELECT key_hash, scopes FROM providers WHERE name = ?', 'lab-1');
    expect(rows).toEqual([{ key_hash: createHash('sha256').update(key).digest('hex'), scopes: 'pcr-results,antigen-results' }]);
    expect(await server.services.providers.authenticate(key)).toEqual({ name: 'lab-1', scopes: ['pcr-results', 'antigen-results'] });
  });

  it('lists providers with their scopes and state, and a revoked key stops working', async () => {
    const key = (await admin('provider', 'add', 'registry', '--scopes', 'vaccinations')).at(-1) ?? '';
    expect(await admin('provider', 'list')).toEqual([
      expect.stringMatching(/^lab-1\tpcr-results,antigen-results\tadded \S+\tactive$/),
      expect.stringMatching(/^registry\tvaccinations\tadded \S+\tactive$/),
    ]);
    expect(await admin('provider', 'revoke', 'registry')).toEqual(['Provider registry revoked: its key no longer works.']);
    expect(await server.services.providers.authenticate(key)).toBeUndefined();
    expect((await admin('provider', 'list'))[1]).toMatch(/^registry\tvaccinations\tadded \S+\trevoked \S+$/);
  });

  it.each([
    [['provider', 'add', 'lab-2', '--scopes', 'pcr-results,blood-tests'], /unknown scope "blood-tests"/],
    [['provider', 'add', 'lab-2', '--scopes', ','], /at least one scope/],
    [['provider', 'add', 'Lab 2', '--scopes', 'citizens'], /provider name/],
    [['provider', 'add', 'lab-1', '--scopes', 'citizens'], /exists already/],
    [['provider', 'revoke', 'nobody'], /no provider named nobody/],
    [['provider', 'revoke', 'registry'], /revoked already/],
    [['provider', 'add', 'lab-2'], /usage:/],
    [['providers', 'list'], /usage:/],
  ])('refuses %j with a message', async (args, message) => {
    await expect(admin(...args)).rejects.toThrow(message);
    expect((await server.query('SELECT name FROM providers WHERE name = ?', 'lab-2')).length).toBe(0);
  });

  it('runs as `npm run admin` over the database DATABASE_URL or DATA_DIR names', async () => {
    const env = { ...process.env, DATABASE_URL: '', DATA_DIR: '' };
    if (server.location.engine === 'postgres') env.DATABASE_URL = server.location.url;
    else env.DATA_DIR = server.location.dataDir;
    const run = promisify(execFile);
    const { stdout } = await run('npm', ['run', 'admin', '--', 'provider', 'add', 'cli-lab', '--scopes', 'citizens'], { env });
    const key = stdout.trimEnd().split('\n').at(-1) ?? '';
    expect(await server.services.providers.authenticate(key)).toEqual({ name: 'cli-lab', scopes: ['citizens'] });
    await expect(run('npm', ['run', 'admin', '--', 'provider', 'revoke', 'nobody'], { env })).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('no provider named nobody') as string,
    });
  }, 60_000);
});
