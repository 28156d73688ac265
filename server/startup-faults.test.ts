/**
 * The real server process (`server/main.ts`) started over a data folder it cannot use: a database from a
 * newer version (both engines), a read-only folder and a full disk (SQLite). Each must exit at once with
 * status 78 and one line on stderr that says what is wrong, and leave the database as it was, so that the
 * next start, once the fault is fixed, just works.
 *
 * Read-only and full folders are real mounts (tmpfs; `ro`, or a few kilobytes), which needs root; as
 * another user the read-only case uses folder permissions and the full-disk case is skipped.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { runFailingServer, startServerProcess, stopServerProcess, waitReady } from '../testing/server/server-process.ts';
import { openDatabase } from './storage/database.ts';
import { startTestServer, testEngine } from '../testing/server/test-server.ts';

const slow = { timeout: 120_000 };
const configurationExit = 78;
const isRoot = process.getuid?.() === 0;
const mounts: string[] = [];

function mountTmpfs(options: string): string | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'suishen-fault-'));
  if (spawnSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir]).status !== 0) return undefined;
  mounts.push(dir);
  return dir;
}
const canMount = isRoot && (() => {
  const probe = mountTmpfs('size=64k');
  return probe !== undefined;
})();

afterAll(() => {
  for (const dir of mounts) {
    spawnSync('umount', [dir]);
    rmSync(dir, { recursive: true, force: true });
  }
});

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

function expectOneLine(stderr: string, pattern: RegExp): void {
  const lines = stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^Suishen Wallet not started: /);
  expect(lines[0]).toMatch(pattern);
}

describe('a database from a newer version', () => {
  it('is refused with one line naming the schema, and left untouched', slow, async () => {
    const server = await startTestServer();
    try {
      await server.query("INSERT INTO kysely_migration (name, timestamp) VALUES ('9999-from-the-future', '2030-01-01T00:00:00.000Z')");
      const before = await server.query<{ name: string }>('SELECT name FROM kysely_migration ORDER BY name');
      const { code, stderr } = await runFailingServer(server.location);
      expect(code).toBe(configurationExit);
      expectOneLine(stderr, /newer version of Suishen Wallet \(schema 9999-from-the-future\)/);
      expect(await server.query('SELECT name FROM kysely_migration ORDER BY name')).toEqual(before);
    } finally {
      await server.close();
    }
  });
});

describe.skipIf(testEngine !== 'sqlite')('the SQLite data folder', () => {
  it('read-only: refused with one line, for a new database and for an existing one', slow, async () => {
    let dataDir: string;
    if (canMount) {
      dataDir = mountTmpfs('size=8m') ?? '';
      await (await openDatabase({ engine: 'sqlite', dataDir })).close();
      expect(spawnSync('mount', ['-o', 'remount,ro', dataDir]).status).toBe(0);
    } else {
      dataDir = mkdtempSync(join(tmpdir(), 'suishen-ro-'));
      await (await openDatabase({ engine: 'sqlite', dataDir })).close();
      chmodSync(dataDir, 0o500);
    }
    const existing = await runFailingServer({ engine: 'sqlite', dataDir });
    expect(existing.code).toBe(configurationExit);
    expectOneLine(existing.stderr, /cannot be written/);

    const fresh = await runFailingServer({ engine: 'sqlite', dataDir: join(dataDir, 'new') });
    expect(fresh.code).toBe(configurationExit);
    expectOneLine(fresh.stderr, /cannot be written/);
  });

  it.skipIf(!canMount)('full: refused with one line, not half-migrated, and starts once there is room', slow, async () => {
    // Room for part of the schema, not all of it: without one transaction some tables would be left behind.
    const dataDir = mountTmpfs('size=200k') ?? '';
    const full = await runFailingServer({ engine: 'sqlite', dataDir });
    expect(full.code).toBe(configurationExit);
    expectOneLine(full.stderr, /disk holding .* is full/);
    // Every migration was rolled back together: no table is left of a schema half made.
    expect(spawnSync('mount', ['-o', 'remount,size=16m', dataDir]).status).toBe(0);
    const file = new SqliteDatabase(join(dataDir, 'suishen.sqlite'), { fileMustExist: true });
    expect(file.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all()).toEqual([]);
    file.close();

    const node = startServerProcess(await freePort(), { engine: 'sqlite', dataDir });
    try {
      await waitReady(node);
    } finally {
      await stopServerProcess(node);
    }
  });
});

describe('DEMO set to anything but true or false', () => {
  // Demo mode hands out any phone's login code: `DEMO=0` or `DEMO=False` once ran in it.
  it('refuses to start with one line', slow, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'suishen-demo-'));
    try {
      for (const value of ['0', 'False', 'off']) {
        const { code, stderr } = await runFailingServer({ engine: 'sqlite', dataDir }, { DEMO: value }, 20_000);
        expect(code).toBe(1);
        expectOneLine(stderr, new RegExp(`DEMO must be exactly "true" or "false", got "${value}"`));
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
