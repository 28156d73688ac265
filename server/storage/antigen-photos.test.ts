/**
 * The reused-photo lookup through the band index (storage/photo-bands.ts), on the suite's engine: it finds
 * every stored hash within the candidate radius, as a scan would, while fetching a small share of the
 * hashes stored; and migration 0017 fills the bands of hashes stored before it.
 */
import { randomBytes } from 'node:crypto';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, testEngine, type TestServer } from '../../testing/server/test-server.ts';
import { photoDistances } from '../services/photo-hash.ts';
import { candidateNearness, photoMatchThresholds } from '../services/photo-match.ts';
import { photoHashBands } from './migrations-scale.ts';
import { photoBands } from './photo-bands.ts';

const radius = { scene: photoMatchThresholds.candidateScene, kit: photoMatchThresholds.candidateKit };

function flip(hex: string, bits: number): string {
  const value = [...Buffer.from(hex, 'hex')];
  const chosen = new Set<number>();
  while (chosen.size < bits) chosen.add(Math.floor(Math.random() * hex.length * 4));
  for (const bit of chosen) value[bit >> 3] = (value[bit >> 3] ?? 0) ^ (1 << (bit & 7));
  return Buffer.from(value).toString('hex');
}

describe('the reused-photo lookup', () => {
  let server: TestServer;
  const stored = 3000;
  const probe = randomBytes(36).toString('hex');
  const near = [
    flip(probe.slice(0, 36), radius.scene) + randomBytes(18).toString('hex'),
    randomBytes(18).toString('hex') + flip(probe.slice(36), radius.kit),
    flip(probe.slice(0, 36), 3),
  ];
  beforeAll(async () => {
    server = await startTestServer();
    const createdAt = new Date().toISOString();
    for (let index = 0; index < stored; index += 1) {
      const hash = (index % 1000 === 0 ? near[index / 1000] : undefined) ?? randomBytes(36).toString('hex');
      await server.storage.antigenPhotos.putHash({ citizenId: `c${String(index).padStart(5, '0')}`, testId: 't', hash, print: null, createdAt });
    }
  });
  afterAll(() => server.close());

  it('finds what a scan of every hash finds, fetching a small share of them', async () => {
    const scanned: string[] = [];
    for await (const page of server.storage.antigenPhotos.hashes()) {
      for (const row of page) if (candidateNearness(photoDistances(row.hash, probe)) <= 1) scanned.push(row.citizenId);
    }
    expect(scanned.sort()).toEqual(['c00000', 'c01000', 'c02000']);
    const fetched = await server.storage.antigenPhotos.candidatesNear(probe, radius);
    expect(fetched.filter((row) => candidateNearness(photoDistances(row.hash, probe)) <= 1).map((row) => row.citizenId).sort()).toEqual(scanned);
    // Random hashes share a band within its radius about 0.5 % of the time: a scan would fetch all 3,000.
    expect(fetched.length).toBeLessThan(stored / 20);
  });

  it('fetches nothing for a hash that shares no band with any stored one', async () => {
    const lonely = await server.storage.antigenPhotos.candidatesNear('0'.repeat(36), { scene: 0, kit: 0 });
    expect(lonely).toEqual([]);
  });
});

describe.runIf(testEngine === 'sqlite')('migration 0017', () => {
  it('fills the bands of the hashes stored before it and indexes each band', async () => {
    const file = new SqliteDatabase(':memory:');
    file.exec('CREATE TABLE antigen_photo_hashes (citizen_id text NOT NULL, test_id text NOT NULL, hash text NOT NULL, created_at text NOT NULL, print text, PRIMARY KEY (citizen_id, test_id))');
    const hashes = Array.from({ length: 2500 }, (_, index) => (index % 2 ? randomBytes(36) : randomBytes(18)).toString('hex'));
    const insert = file.prepare("INSERT INTO antigen_photo_hashes VALUES (?, 't', ?, '2022-04-01T00:00:00.000Z', NULL)");
    hashes.forEach((hash, index) => insert.run(`c${String(index).padStart(5, '0')}`, hash));
    await photoHashBands(new Kysely<unknown>({ dialect: new SqliteDialect({ database: file }) }));
    const rows = file.prepare('SELECT * FROM antigen_photo_hashes ORDER BY citizen_id').all() as Record<string, number | string | null>[];
    rows.forEach((row, index) => {
      const bands = photoBands(hashes[index] ?? '');
      expect([0, 1, 2, 3, 4, 5].map((band) => row[`scene_band_${band}`])).toEqual(bands.scene);
      expect([0, 1, 2, 3, 4, 5].map((band) => row[`kit_band_${band}`])).toEqual(bands.kit ?? [null, null, null, null, null, null]);
    });
    const plan = file.prepare('EXPLAIN QUERY PLAN SELECT hash FROM antigen_photo_hashes WHERE kit_band_3 = 5').all() as { detail: string }[];
    expect(plan.map((step) => step.detail).join()).toContain('antigen_photo_hashes_kit_band_3');
    file.close();
  });
});
