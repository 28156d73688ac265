/**
 * The reused-photo lookup (storage/photo-bands.ts) with 1,000 and with STORED (default 1,000,000) photo
 * hashes: the time of the band-index lookup through the real store over SQLite, the rows it fetches, and
 * a scan of every hash (what the check did before migration 0017) beside it. Hashes are random 72-digit
 * ones, written straight into the migrated table with their bands (a million uploads through HTTP would
 * take hours and measure the JPEG decoder): photos of one make of kit are more alike than random ones, so
 * a real store shares more bands; the fetched-rows figure says how many a lookup had to read.
 *
 *   npm run bench:photo-lookup            STORED=200000 PROBES=100 npm run bench:photo-lookup
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { photoMatchThresholds } from '../../server/services/photo-match.ts';
import { openDatabase } from '../../server/storage/database.ts';
import { bandColumn, bandCount, photoBands } from '../../server/storage/photo-bands.ts';
import { createStorage } from '../../server/storage/storage.ts';

const stored = Number(process.env.STORED ?? 1_000_000);
const probes = Number(process.env.PROBES ?? 200);
const radius = { scene: photoMatchThresholds.candidateScene, kit: photoMatchThresholds.candidateKit };

const dataDir = mkdtempSync(join(tmpdir(), 'suishen-bench-photos-'));
const columns = Array.from({ length: bandCount }, (_, band) => [bandColumn('scene', band), bandColumn('kit', band)]).flat();

/** Adds hashes up to `total`, in the table the server uses (its bands as putHash would write them). */
function fillTo(total: number, from: number): void {
  const file = new SqliteDatabase(join(dataDir, 'suishen.sqlite'));
  const insert = file.prepare(`INSERT INTO antigen_photo_hashes (citizen_id, test_id, hash, print, created_at, ${columns.join(', ')}) VALUES (?, 't', ?, NULL, ?, ${columns.map(() => '?').join(', ')})`);
  const now = new Date().toISOString();
  const page = file.transaction((start: number, end: number) => {
    for (let index = start; index < end; index += 1) {
      const hash = randomBytes(36).toString('hex');
      const bands = photoBands(hash);
      const values = Array.from({ length: bandCount }, (_, band) => [bands.scene[band], bands.kit?.[band]]).flat();
      insert.run(`c-${String(index).padStart(8, '0')}`, hash, now, ...values);
    }
  });
  for (let start = from; start < total; start += 20_000) page(start, Math.min(total, start + 20_000));
  file.close();
}

async function measure(count: number) {
  const database = await openDatabase({ engine: 'sqlite', dataDir });
  const storage = createStorage(database);
  const times: number[] = [];
  let fetched = 0;
  for (let probe = 0; probe < probes; probe += 1) {
    const hash = randomBytes(36).toString('hex');
    const began = performance.now();
    fetched += (await storage.antigenPhotos.candidatesNear(hash, radius)).length;
    times.push(performance.now() - began);
  }
  const began = performance.now();
  let scanned = 0;
  for await (const page of storage.antigenPhotos.hashes()) scanned += page.length;
  const scanMs = performance.now() - began;
  await database.close();
  times.sort((a, b) => a - b);
  const at = (share: number) => times[Math.min(times.length - 1, Math.floor(share * times.length))] ?? NaN;
  console.log(
    `${count.toLocaleString('en-US').padStart(9)} hashes: lookup p50 ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms, ${(fetched / probes).toFixed(0)} rows fetched a lookup; a scan reads ${scanned.toLocaleString('en-US')} rows in ${scanMs.toFixed(0)} ms`,
  );
}

try {
  await (await openDatabase({ engine: 'sqlite', dataDir })).close();
  console.log(`bench:photo-lookup: ${probes} lookups of random hashes, candidate radius ${radius.scene} scene / ${radius.kit} kit bits, SQLite`);
  fillTo(1000, 0);
  await measure(1000);
  fillTo(stored, 1000);
  await measure(stored);
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}; load ${loadavg().map((n) => n.toFixed(2)).join(' / ')}; Node ${process.version}`);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
