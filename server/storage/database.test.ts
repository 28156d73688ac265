/**
 * The database layer on its own: a SQLite file from before Kysely is rebuilt with its rows kept, readiness
 * reports a reachable, migrated database, and on PostgreSQL check-ins live in day partitions that retention
 * drops whole.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, testEngine, type TestServer } from '../../testing/server/test-server.ts';
import { openDatabase, rawQuery } from './database.ts';
import { antigenPhotoRetentionDays } from '../../core/contract/antigen.ts';
import { keepHouse } from '../services/retention.ts';
import { photoKey } from './antigen-photos.ts';
import { createStorage } from './storage.ts';

describe.runIf(testEngine === 'sqlite')('a SQLite database made before Kysely', () => {
  let dataDir = '';
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'suishen-legacy-'));
    const file = new SqliteDatabase(join(dataDir, 'suishen.sqlite'));
    file.exec(readFileSync(join(import.meta.dirname, 'fixtures', 'legacy-schema.sql'), 'utf8'));
    file.exec(`
      INSERT INTO citizens (id, phone, name, id_number, colour, colour_since) VALUES ('c1', '13900000001', '周八', '310101198001011111', 'green', '2022-04-01T00:00:00.000Z');
      INSERT INTO pcr_tests (id, citizen_id, sampled_at, reported_at, result, institution) VALUES ('p1', 'c1', '2022-04-01T01:00:00.000Z', NULL, 'negative', 'lab');
      INSERT INTO antigen_tests (id, citizen_id, tested_at, result, kit, lot, created_at) VALUES ('a1', 'c1', '2022-04-01T02:00:00.000Z', 'negative', 'kit', 'lot', '2022-04-01T02:00:00.000Z');
      INSERT INTO antigen_photos (test_id, content_type, width, height, bytes) VALUES ('a1', 'image/jpeg', 1, 1, x'FFD8FFD9');
      INSERT INTO sync_items (id, citizen_id, kind, received_at) VALUES ('a1', 'c1', 'antigen-test', '2022-04-01T02:00:00.000Z');
      INSERT INTO venues (number, owner_id, name, district, address, kind, token, created_at) VALUES ('12345678', 'c1', '店', '黄浦区', '路', 'shop', 'v1.x.y.z', '2022-04-01T00:00:00.000Z');
    `);
    file.close();
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('is rebuilt in place with every row kept, and reads through the new stores', async () => {
    const database = await openDatabase({ engine: 'sqlite', dataDir });
    try {
      const storage = createStorage(database);
      expect((await storage.citizens.byPhone('13900000001'))?.id).toBe('c1');
      expect((await storage.records.pcrTests('c1')).map((test) => test.id)).toEqual(['p1']);
      expect(await rawQuery(database, 'SELECT citizen_id, test_id, length(bytes) AS n FROM antigen_photos')).toEqual([
        { citizen_id: 'c1', test_id: 'a1', n: 4 },
      ]);
      expect((await storage.venues.ownedBy('c1')).map((venue) => venue.number)).toEqual(['12345678']);
      expect(await storage.syncItems.owners('c1', ['a1'])).toEqual(new Map([['a1', 'mine']]));
      expect(await rawQuery(database, "SELECT name FROM sqlite_master WHERE name LIKE 'legacy_%'")).toEqual([]);
      expect(await database.ready()).toBe(true);
    } finally {
      await database.close();
    }
    // Opening again runs nothing twice.
    const again = await openDatabase({ engine: 'sqlite', dataDir });
    expect(await rawQuery(again, 'SELECT count(*) AS n FROM citizens')).toEqual([{ n: 1 }]);
    await again.close();
  });
});

describe('health and readiness', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('answers /api/health and /api/ready uncached while the database is up', async () => {
    for (const path of ['/api/health', '/api/ready']) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
    }
    expect(await (await fetch(`${server.url}/api/ready`)).json()).toEqual({ status: 'ready' });
  });

  it('reports not ready, with 503, once the database is gone, while health stays up', async () => {
    const node = await server.startNode();
    await node.storage.close();
    const ready = await fetch(`${node.url}/api/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'not-ready' });
    expect((await fetch(`${node.url}/api/health`)).status).toBe(200);
  });
});

describe.runIf(testEngine === 'postgres')('check-in partitions on PostgreSQL', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  const partitions = async () =>
    (
      await server.query<{ name: string }>(
        `SELECT child.relname AS name FROM pg_inherits JOIN pg_class child ON child.oid = pg_inherits.inhrelid
         JOIN pg_class parent ON parent.oid = pg_inherits.inhparent WHERE parent.relname = 'check_ins' ORDER BY 1`,
      )
    ).map((row) => row.name);

  it('has today and the next days ready at start, beside a default partition', async () => {
    const today = new Date().toISOString().slice(0, 10).replaceAll('-', '');
    const names = await partitions();
    expect(names).toContain('check_ins_default');
    expect(names).toContain(`check_ins_${today}`);
    expect(names.length).toBeGreaterThanOrEqual(5);
  });

  it('stores a check-in in its day and drops whole days past the cutoff', async () => {
    const day = 24 * 3600_000;
    const now = Date.now();
    const old = now - 20 * day;
    await server.storage.checkIns.prepareDays(old, 0);
    const oldName = `check_ins_${new Date(old).toISOString().slice(0, 10).replaceAll('-', '')}`;
    expect(await partitions()).toContain(oldName);
    const row = { citizenId: 'demo-a', venueNumber: '12345678', venueName: '店', district: '黄浦区', receivedAt: new Date(now).toISOString() };
    const recent = crypto.randomUUID();
    await server.storage.checkIns.record([
      { ...row, id: crypto.randomUUID(), scannedAt: new Date(old).toISOString() },
      { ...row, id: recent, scannedAt: new Date(now).toISOString() },
    ]);
    expect(await server.query(`SELECT count(*) AS n FROM ${oldName}`)).toEqual([{ n: 1 }]);

    await server.storage.checkIns.deleteBefore(new Date(now - 14 * day).toISOString());
    expect(await partitions()).not.toContain(oldName);
    expect(await server.query('SELECT id FROM check_ins WHERE citizen_id = ?', 'demo-a')).toEqual([{ id: recent }]);
  });
});

describe('house-keeping', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('forgets spent sync ids after 30 days, expired sessions and check-ins past 14 days', async () => {
    const day = 24 * 3600_000;
    const now = Date.now();
    const at = (daysAgo: number) => new Date(now - daysAgo * day).toISOString();
    const fresh = crypto.randomUUID();
    const old = crypto.randomUUID();
    await server.storage.syncItems.claim('demo-a', [{ id: old, kind: 'check-in' }], at(31));
    await server.storage.syncItems.claim('demo-a', [{ id: fresh, kind: 'check-in' }], at(29));
    const row = { citizenId: 'demo-a', venueNumber: '12345678', venueName: '店', district: '黄浦区', receivedAt: at(0) };
    await server.storage.checkIns.record([
      { ...row, id: old, scannedAt: at(15) },
      { ...row, id: fresh, scannedAt: at(13) },
    ]);
    await server.storage.auth.putSession('expired-hash', 'demo-a', now - 1);
    for (const [id, days] of [[old, 15], [fresh, 13]] as const) {
      await server.storage.kiosks.logLookup({ kioskId: 'k-retention', id, venueNumber: '12345678', at: at(days), citizenId: 'demo-a', outcome: 'pass', source: 'document' });
    }

    await keepHouse(server.storage, server.services.auth, now);
    // A kiosk's lookups age out with the check-ins of the same days.
    expect(await server.query('SELECT id FROM kiosk_lookups WHERE kiosk_id = ?', 'k-retention')).toEqual([{ id: fresh }]);
    expect(await server.storage.syncItems.owners('demo-a', [old, fresh])).toEqual(new Map([[fresh, 'mine']]));
    expect(await server.query('SELECT id FROM check_ins WHERE id IN (?, ?)', old, fresh)).toEqual([{ id: fresh }]);
    expect(await server.query('SELECT count(*) AS n FROM sessions WHERE token_hash = ?', 'expired-hash')).toEqual([{ n: 0 }]);
  });

  it('deletes a photo print with its hashes once past the retention period', async () => {
    const day = 24 * 3600_000;
    const now = Date.now();
    const old = { citizenId: 'demo-a', testId: crypto.randomUUID() };
    const kept = { citizenId: 'demo-a', testId: crypto.randomUUID() };
    await server.storage.antigenPhotos.putHash({ ...old, hash: '0'.repeat(72), print: 'b2xk', createdAt: new Date(now - (antigenPhotoRetentionDays + 1) * day).toISOString() });
    await server.storage.antigenPhotos.putHash({ ...kept, hash: '1'.repeat(72), print: 'a2VwdA==', createdAt: new Date(now - (antigenPhotoRetentionDays - 1) * day).toISOString() });
    expect(await server.storage.antigenPhotos.printsOf([old, kept])).toEqual(new Map([[photoKey(old), 'b2xk'], [photoKey(kept), 'a2VwdA==']]));

    await keepHouse(server.storage, server.services.auth, now);
    expect(await server.storage.antigenPhotos.printsOf([old, kept])).toEqual(new Map([[photoKey(kept), 'a2VwdA==']]));
  });
});
