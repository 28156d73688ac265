/**
 * The revocation list at city scale: ENTRIES (default 500,000) citizens turned yellow within one hour, as a
 * mass colour decision leaves them in colour_changes, served by the real server over SQLite and applied by
 * the verifier's own code in Node and in Chromium at 4× CPU throttle. Reports the compact list's bytes on
 * the wire (raw, gzip, brotli) beside the JSON list it replaces, the server's time to build it through
 * HTTP, and the verifier's time to open, decode, merge and store it: from empty, and as a delta onto a list
 * already holding ENTRIES earlier changes. CPU seconds beside every wall time. Rows go straight into the
 * migrated table (half a million decisions through the feed would measure the feed).
 *
 *   npm run bench:revocations            ENTRIES=50000 npm run bench:revocations (with the JSON list beside it)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { chromium, type CDPSession } from '@playwright/test';
import SqliteDatabase from 'better-sqlite3';
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { endpoints } from '../../core/contract/endpoints.ts';
import { compactBucketSeconds, compactHashBits, encodeCompactRevocations, hashPrefix, readCompactHeader } from '../../core/crypto/revocation-compact.ts';
import { entryCount, groupEntries, openRevocations } from '../../core/crypto/revocation-groups.ts';
import { applyRevocations, mayBeRevoked } from '../../app/verification/revocation-check.ts';
import { findChromium } from '../../testing/browser/find-chromium.ts';
import { signingKeyLookup } from '../../testing/server/test-client.ts';
import { startServer } from '../../server/server.ts';
import { openDatabase } from '../../server/storage/database.ts';
import { createStorage } from '../../server/storage/storage.ts';
import type { PageTimes } from './revocation-apply-page.ts';

const entries = Number(process.env.ENTRIES ?? 500_000);
// The JSON list hashes each entry through a WebCrypto promise: 10 s for 50,000 here, so only at small sizes.
const withJson = process.env.JSON === '1' || (process.env.JSON === undefined && entries <= 50_000);
const cpuSlowdown = 4;
const hour = 3600_000;

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
const cpuSeconds = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return ((used.user + used.system) / 1e6).toFixed(2);
};

/** Wall and CPU time of one step of this process. */
async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number; cpu: string }> {
  const cpu = process.cpuUsage();
  const began = performance.now();
  const value = await run();
  return { value, ms: performance.now() - began, cpu: cpuSeconds(cpu) };
}

/** `count` changes, recorded evenly over the hour before `end`, as the authority's feed batches would. */
function insertChanges(file: SqliteDatabase.Database, prefix: string, count: number, end: number): void {
  const insert = file.prepare(
    `INSERT INTO colour_changes (citizen_id, id, colour, previous_colour, reason, effective_at, recorded_at, provider, scope, external_id)
     VALUES (?, ?, 'yellow', 'green', '区域筛查', ?, ?, 'authority', 'colour-decisions', ?)`,
  );
  const page = file.transaction((start: number, stop: number) => {
    for (let i = start; i < stop; i++) {
      // Batches of 5,000 share their stamp, as a feed batch's changes do.
      const at = new Date(end - hour + Math.floor(i / 5000) * ((hour * 5000) / count)).toISOString();
      insert.run(`${prefix}-${i}`, `x-${prefix}-${i}`, at, at, `${prefix}-${i}`);
    }
  });
  for (let start = 0; start < count; start += 50_000) page(start, Math.min(count, start + 50_000));
}

async function fetchSealed(url: string): Promise<Uint8Array<ArrayBuffer>> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

async function pageBundle(): Promise<string> {
  const result = await build({ entryPoints: [join(import.meta.dirname, 'revocation-apply-page.ts')], bundle: true, write: false, format: 'iife', target: 'es2022' });
  return result.outputFiles[0]?.text ?? '';
}

const taskSeconds = async (cdp: CDPSession) => (await cdp.send('Performance.getMetrics')).metrics.find((metric) => metric.name === 'TaskDuration')?.value ?? 0;

const dataDir = mkdtempSync(join(tmpdir(), 'suishen-bench-revocations-'));
const server = await startServer({ port: 0, database: { engine: 'sqlite', dataDir }, demo: true, distDir: null, logDestination: { write: () => undefined } });
try {
  const file = new SqliteDatabase(join(dataDir, 'suishen.sqlite'));
  // Changes of citizens who are not stored: the list reads colour_changes alone.
  file.pragma('foreign_keys = OFF');
  const now = Date.now();
  // The day before: as many changes a day earlier, which the verifier holds already when the delta comes.
  insertChanges(file, 'earlier', entries, now - 24 * hour);
  const whole = await timed(() => fetchSealed(`${server.url}/api/revocations/compact`));
  const earlierFull = whole.value;
  // The verifier last synced just before the decision's hour began.
  const heldVersion = now - hour;
  insertChanges(file, 'decision', entries, now);
  file.close();
  console.log(`bench:revocations: ${entries.toLocaleString('en-US')} citizens turned yellow within one hour (batches of 5,000), SQLite, 4× CPU throttle in Chromium`);

  const delta = await timed(() => fetchSealed(`${server.url}/api/revocations/compact?since=${heldVersion}`));
  const sealed = delta.value;
  console.log(
    `server, through HTTP: the delta (${entries.toLocaleString('en-US')} new) in ${delta.ms.toFixed(0)} ms (${delta.cpu} CPU s, server and client one process); a whole list of ${entries.toLocaleString('en-US')} in ${whole.ms.toFixed(0)} ms (${whole.cpu} CPU s)`,
  );
  // The same delta's steps one by one, through the server's own store and the core functions it calls.
  const database = await openDatabase({ engine: 'sqlite', dataDir });
  try {
    const rows = await timed(() => createStorage(database).revocations.revokingAfter(new Date(heldVersion - 5 * 60_000).toISOString()));
    const hashed = await timed(() =>
      Promise.resolve(rows.value.map((row) => ({ hash: hashPrefix(createHash('sha256').update(`salt-of-the-bench-run:${row.citizenId}`).digest(), compactHashBits), notBefore: Math.floor(Date.parse(row.recordedAt) / 1000) }))),
    );
    const coded = await timed(() =>
      Promise.resolve(encodeCompactRevocations({ v: now, salt: 'salt-of-the-bench-run', full: false, hashBits: compactHashBits, bucketSeconds: compactBucketSeconds, groups: groupEntries(hashed.value, compactBucketSeconds) })),
    );
    console.log(
      `  of which: indexed query ${rows.ms.toFixed(0)} ms (${rows.cpu} CPU s, ${rows.value.length.toLocaleString('en-US')} rows), hashing ${hashed.ms.toFixed(0)} ms (${hashed.cpu} CPU s), grouping + Rice coding ${coded.ms.toFixed(0)} ms (${coded.cpu} CPU s)`,
    );
  } finally {
    await database.close();
  }
  console.log(
    `wire: delta ${sealed.length.toLocaleString('en-US')} bytes raw, ${gzipSync(sealed).length.toLocaleString('en-US')} gzip, ${brotliCompressSync(sealed).length.toLocaleString('en-US')} brotli = ${((sealed.length * 8) / entries).toFixed(2)} bits an entry; whole list ${whole.value.length.toLocaleString('en-US')} bytes`,
  );
  if (withJson) {
    const json = await timed(async () => new Uint8Array(await (await fetch(`${server.url}/api/revocations?since=${heldVersion}`)).arrayBuffer()));
    console.log(`  beside it, the JSON list's delta: ${kb(json.value.length)} raw, ${kb(gzipSync(json.value).length)} gzip, built in ${json.ms.toFixed(0)} ms (${json.cpu} CPU s)`);
  }

  // Node: the verifier's code, as a unit test runs it.
  const lookup = await signingKeyLookup(server.url);
  const open = async (bytes: Uint8Array<ArrayBuffer>) => {
    const body = await openRevocations(bytes, lookup);
    const header = body && readCompactHeader(body);
    if (!header) throw new Error('the list does not open');
    return header;
  };
  const noPause = () => Promise.resolve();
  const fromEmpty = await timed(async () => applyRevocations(null, await open(sealed), Date.now(), noPause));
  const before = await applyRevocations(null, await open(earlierFull), Date.now(), noPause);
  const onto = await timed(async () => applyRevocations(before, await open(sealed), Date.now(), noPause));
  const listed = await mayBeRevoked(onto.value, { s: 'decision-0', iat: Math.floor(now / 1000) - 2 * 3600 });
  console.log(
    `Node: open + decode + merge the delta from empty ${fromEmpty.ms.toFixed(0)} ms (${fromEmpty.cpu} CPU s); onto ${entryCount(before.groups).toLocaleString('en-US')} held ${onto.ms.toFixed(0)} ms (${onto.cpu} CPU s); holds ${entryCount(onto.value.groups).toLocaleString('en-US')}, a listed code asks for a recheck: ${listed}`,
  );

  // Chromium at 4× throttle: the same code bundled, the list fetched from a routed URL, kept in IndexedDB.
  const choice = findChromium();
  const browser = await chromium.launch({ executablePath: choice.executablePath, args: choice.args });
  try {
    const context = await browser.newContext();
    const script = await pageBundle();
    await context.route('https://bench.test/', (route) => route.fulfill({ contentType: 'text/html', body: `<!doctype html><meta charset="utf-8"><script>${script}</script>` }));
    await context.route('https://bench.test/earlier', (route) => route.fulfill({ contentType: 'application/octet-stream', body: Buffer.from(earlierFull) }));
    await context.route('https://bench.test/delta', (route) => route.fulfill({ contentType: 'application/octet-stream', body: Buffer.from(sealed) }));
    const [jwk] = endpoints.signingKeys.response.parse(await (await fetch(`${server.url}/api/keys`)).json()).keys;
    const report = async (fresh: boolean, label: string) => {
      const page = await context.newPage();
      await page.goto('https://bench.test/');
      const cdp = await context.newCDPSession(page);
      await cdp.send('Performance.enable');
      if (!fresh) await page.evaluate(([key, at]) => (globalThis as unknown as { benchApply: (u: string, k: unknown, n: number) => Promise<PageTimes> }).benchApply('/earlier', key, at), [jwk, Date.now()] as const);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuSlowdown });
      const taskBefore = await taskSeconds(cdp);
      const began = performance.now();
      const times = await page.evaluate(([key, at]) => (globalThis as unknown as { benchApply: (u: string, k: unknown, n: number) => Promise<PageTimes> }).benchApply('/delta', key, at), [jwk, Date.now()] as const);
      const wall = performance.now() - began;
      const task = (await taskSeconds(cdp)) - taskBefore;
      console.log(
        `Chromium 4×, ${label}: open ${times.openMs.toFixed(0)} ms + decode/merge ${times.applyMs.toFixed(0)} ms (longest slice ${times.longestSliceMs.toFixed(0)} ms) = ${(times.openMs + times.applyMs).toFixed(0)} ms to apply; IndexedDB put ${times.storeMs.toFixed(0)} ms; lookup ${times.lookupUs.toFixed(0)} µs; holds ${times.entries.toLocaleString('en-US')}; main-thread task time ${task.toFixed(2)} s of ${(wall / 1000).toFixed(2)} s wall`,
      );
      await page.close();
    };
    await report(true, 'delta from empty');
    await report(false, `delta onto ${entries.toLocaleString('en-US')} held`);
  } finally {
    await browser.close();
  }
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}; load ${loadavg().map((n) => n.toFixed(2)).join(' / ')}; Node ${process.version}; ${choice.description}`);
} finally {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
}
