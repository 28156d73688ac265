/**
 * `npm run admin -- backup` and `restore` as the operator runs them, as separate processes beside a server
 * that keeps writing: the backup is taken under load, restored into an empty folder, and must hold every
 * write the server acknowledged before the backup began, in a file only its owner can read. SQLite only:
 * on PostgreSQL docs/operations.md points to pg_dump and pg_basebackup.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endpoints } from '../core/contract/endpoints.ts';
import { startServer } from './server.ts';
import { rawQuery } from './storage/database.ts';
import { loginCookie, postJson } from '../testing/server/test-client.ts';
import { startTestServer, testEngine, type TestServer } from '../testing/server/test-server.ts';

const run = promisify(execFile);
const admin = (dataDir: string, ...args: string[]) => run('npm', ['run', '--silent', 'admin', '--', ...args], { env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' } });
const mode = (file: string) => statSync(file).mode & 0o777;

describe.skipIf(testEngine !== 'sqlite')('backup and restore', () => {
  let server: TestServer;
  let dataDir: string;
  const scratch = mkdtempSync(join(tmpdir(), 'suishen-backup-'));

  beforeAll(async () => {
    server = await startTestServer();
    if (server.location.engine !== 'sqlite') throw new Error('sqlite only');
    dataDir = server.location.dataDir;
  });
  afterAll(async () => {
    await server.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('keeps the database readable by its owner only', () => {
    expect(mode(join(dataDir, 'suishen.sqlite'))).toBe(0o600);
    expect(mode(dataDir)).toBe(0o700);
  });

  it('backs up under write load and restores every write acknowledged before the backup began', { timeout: 180_000 }, async () => {
    const cookie = await loginCookie(server.url, '13800000003');
    const acknowledged: { number: string; at: number }[] = [];
    let writing = true;
    const writer = async (w: number) => {
      for (let i = 0; writing; i++) {
        const response = await postJson(server.url, '/venues', { name: `店${w}-${i}`, district: '黄浦区', address: '福州路1号', kind: 'shop' }, cookie);
        expect(response.status).toBe(201);
        acknowledged.push({ number: endpoints.registerVenue.response.parse(await response.json()).venue.number, at: Date.now() });
      }
    };
    const writers = [0, 1, 2, 3].map(writer);
    // Let the load get going, so that writes are in flight throughout the backup.
    while (acknowledged.length < 50) await new Promise((resolve) => setTimeout(resolve, 20));

    const backup = join(scratch, 'suishen-backup.sqlite');
    const began = Date.now();
    const { stdout } = await admin(dataDir, 'backup', backup);
    const writtenDuring = acknowledged.filter((write) => write.at >= began).length;
    writing = false;
    await Promise.all(writers);
    expect(stdout).toContain('Backed up');
    expect(mode(backup)).toBe(0o600);
    // The server kept taking writes while the backup ran.
    expect(writtenDuring).toBeGreaterThan(0);

    // Refused while the server has the database open, and the live database is untouched by the attempt.
    await expect(admin(dataDir, 'restore', backup)).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('Stop every server') as string });
    // Never overwrites a file: not an old backup, and not the database itself.
    await expect(admin(dataDir, 'backup', join(dataDir, 'suishen.sqlite'))).rejects.toMatchObject({ code: 1 });

    const restoredDir = join(scratch, 'restored');
    await admin(restoredDir, 'restore', backup);
    expect(mode(join(restoredDir, 'suishen.sqlite'))).toBe(0o600);
    const restored = await startServer({ port: 0, database: { engine: 'sqlite', dataDir: restoredDir }, demo: true, distDir: null });
    try {
      const numbers = new Set((await rawQuery<{ number: string }>(restored.database, 'SELECT number FROM venues')).map((row) => row.number));
      const before = acknowledged.filter((write) => write.at < began);
      expect(before.length).toBeGreaterThanOrEqual(50);
      expect(before.filter((write) => !numbers.has(write.number))).toEqual([]);
      // A snapshot, not a torn copy: nothing in it that the live database does not hold.
      const live = new Set((await server.query<{ number: string }>('SELECT number FROM venues')).map((row) => row.number));
      expect([...numbers].filter((number) => !live.has(number))).toEqual([]);
    } finally {
      await restored.close();
    }
  });

  it('refuses a file that is not a database, saying so', { timeout: 60_000 }, async () => {
    const restoredDir = join(scratch, 'bad');
    await expect(admin(restoredDir, 'restore', join(dataDir, '..'))).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/cannot be opened|not a Suishen/) as string });
  });
});
