/**
 * Feed ingest throughput beside its floor, for the README's figures. The real server runs as its own
 * process over a fresh SQLite (DEMO=false, as a deployment runs it); a registry's citizens feed registers
 * CITIZENS people, then a lab's pcr-results feed of LINES generated results (all negative, so no colour
 * changes) is streamed through POST /api/feeds/pcr-results as one request, generated as it is sent and
 * never held whole. Lines/s is LINES over that request's wall time; peak RSS is the server process's
 * VmHWM from /proc (Linux), read at the end, so it covers the whole run. On a shared machine wall time
 * says more about the neighbours than the server, so the server's own CPU seconds for the feed are given
 * too: lines per CPU-second is the rate with a core to itself (the server runs JavaScript on one thread).
 *
 * The floor is the same rows (a feed_records row with its content and SHA-256, and a pcr_tests row per
 * line) written by better-sqlite3 in this one process, 500 to a transaction, over a database with the
 * same schema and citizens: no HTTP, no JSON parsing, no validation, no lookups.
 *
 *   npm run bench:feeds                    LINES=100000 CITIZENS=10000 npm run bench:feeds
 *   PROFILE_DIR=/tmp/prof LINES=100000 npm run bench:feeds     (a CPU profile of the server)
 *   BEFORE_DIR=/tmp/before npm run bench:feeds                (the same feed through an older checkout first)
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { sha256Hex } from '../../server/services/sha256.ts';
import { openDatabase } from '../../server/storage/database.ts';
import { readMetrics, sample } from '../../testing/server/metrics-text.ts';
import { postFeed } from '../../testing/server/post-feed.ts';
import { freePort } from '../../testing/server/postgres-cluster.ts';
import { cpuSecondsOf, peakRssMb } from '../../testing/server/process-stats.ts';
import { addProvider, startServerProcess, stopServerProcess, waitReady } from '../../testing/server/server-process.ts';
import { benchIdNumber as idNumber, ndjsonStream } from './feed-stream.ts';

const lines = Number(process.env.LINES ?? 1_000_000);
const citizens = Number(process.env.CITIZENS ?? 50_000);
const floorBatch = 500;

const sampledAt = new Date(Date.now() - 10 * 3600_000).toISOString();
const reportedAt = new Date(Date.now() - 3600_000).toISOString();
const pcrLine = (i: number) => ({ externalId: `L-${i}`, idNumber: idNumber(i % citizens), sampledAt, reportedAt, result: 'negative', institution: '徐汇区中心医院' });
const citizenLine = (i: number) => ({ externalId: `R-${i}`, idNumber: idNumber(i), name: '张小三', phone: `139${String(i).padStart(8, '0')}` });

const cpuSeconds = (pid: number) => cpuSecondsOf(pid) ?? NaN;

/** The feed through HTTP, the server run from `tree` (another checkout, for a before/after in one run) or this one. */
async function throughHttp(tree = process.cwd()): Promise<{ perSecond: number; rssMb: number; seconds: number; cpu: number; counted: number | null }> {
  const home = process.cwd();
  // The server and the admin tool are started by path from the working directory.
  process.chdir(tree);
  const dataDir = mkdtempSync(join(tmpdir(), 'suishen-bench-feeds-'));
  const location = { engine: 'sqlite', dataDir } as const;
  const server = startServerProcess(await freePort(), location, {
    DEMO: 'false',
    SMS_WEBHOOK_URL: 'http://127.0.0.1:9/unused',
    SMS_WEBHOOK_SECRET: 'bench-secret-not-used-0123',
    // PROFILE_DIR=dir: the server writes a V8 CPU profile there when it stops (open it in Chrome's DevTools).
    ...(process.env.PROFILE_DIR ? { NODE_OPTIONS: `--import ${join(import.meta.dirname, 'cpu-profile-hook.mjs')}`, CPU_PROFILE_DIR: process.env.PROFILE_DIR } : {}),
  });
  try {
    await waitReady(server);
    const registry = addProvider(location, 'registry', 'citizens');
    const lab = addProvider(location, 'lab', 'pcr-results');
    const registered = (await postFeed(server.url, 'citizens', registry, ndjsonStream(citizens, citizenLine))).summary;
    if (registered.stored !== citizens) throw new Error(`citizens feed stored ${registered.stored} of ${citizens}`);

    const pid = server.process.pid;
    if (pid === undefined) throw new Error('no server pid');
    const cpuBefore = cpuSeconds(pid);
    const began = performance.now();
    const summary = (await postFeed(server.url, 'pcr-results', lab, ndjsonStream(lines, pcrLine))).summary;
    const seconds = (performance.now() - began) / 1000;
    if (summary.stored !== lines || summary.rejected !== 0) throw new Error(`pcr feed: ${JSON.stringify(summary)}`);
    return { perSecond: lines / seconds, rssMb: peakRssMb(pid), seconds, cpu: cpuSeconds(pid) - cpuBefore, counted: await storedPerMetrics(server.url) };
  } finally {
    process.chdir(home);
    await stopServerProcess(server);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Lines the server says it stored, from GET /metrics (readable from this machine); null for a server without it. */
async function storedPerMetrics(url: string): Promise<number | null> {
  const text = await readMetrics(url).catch(() => null);
  return text === null ? null : sample(text, 'feed_lines_total', { scope: 'pcr-results', outcome: 'stored' });
}

async function floor(): Promise<{ perSecond: number; seconds: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'suishen-floor-feeds-'));
  try {
    await (await openDatabase({ engine: 'sqlite', dataDir })).close();
    const file = new SqliteDatabase(join(dataDir, 'suishen.sqlite'));
    file.pragma('journal_mode = WAL');
    file.pragma('synchronous = NORMAL');
    const now = new Date().toISOString();
    file.prepare("INSERT INTO providers (name, key_hash, scopes, created_at) VALUES ('lab', 'x', 'pcr-results', ?)").run(now);
    const citizen = file.prepare("INSERT INTO citizens (id, name, id_number, colour, colour_since) VALUES (?, '张小三', ?, 'green', ?)");
    file.transaction(() => {
      for (let i = 0; i < citizens; i++) citizen.run(`c-${i}`, idNumber(i), now);
    })();
    const feedRow = file.prepare(
      "INSERT INTO feed_records (provider, scope, external_id, version, citizen_id, record_id, content_hash, content, received_at) VALUES ('lab', 'pcr-results', ?, 1, ?, ?, ?, ?, ?)",
    );
    const pcrRow = file.prepare('INSERT INTO pcr_tests (citizen_id, id, sampled_at, reported_at, result, institution) VALUES (?, ?, ?, ?, ?, ?)');
    const batch = file.transaction((from: number, to: number) => {
      for (let i = from; i < to; i++) {
        const line = pcrLine(i);
        const content = JSON.stringify(line);
        const citizenId = `c-${i % citizens}`;
        const recordId = randomUUID();
        feedRow.run(line.externalId, citizenId, recordId, sha256Hex(content), content, now);
        pcrRow.run(citizenId, recordId, line.sampledAt, line.reportedAt, line.result, line.institution);
      }
    });
    const began = performance.now();
    for (let i = 0; i < lines; i += floorBatch) batch(i, Math.min(lines, i + floorBatch));
    const seconds = (performance.now() - began) / 1000;
    file.close();
    return { perSecond: lines / seconds, seconds };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const format = (n: number) => Math.round(n).toLocaleString('en-US');

console.log(`bench:feeds: ${format(lines)} PCR lines over ${format(citizens)} citizens, SQLite`);
// BEFORE_DIR=<a checkout of the code before a change, node_modules linked>: the same feed through its server first.
const beforeDir = process.env.BEFORE_DIR;
if (beforeDir) {
  const before = await throughHttp(beforeDir);
  console.log(`before:       ${format(before.perSecond)} lines/s (${before.seconds.toFixed(1)} s), server peak RSS ${format(before.rssMb)} MB, ${format(lines / before.cpu)} lines per CPU-second (${beforeDir})`);
}
const http = await throughHttp();
console.log(`through HTTP: ${format(http.perSecond)} lines/s (${http.seconds.toFixed(1)} s), server peak RSS ${format(http.rssMb)} MB`);
console.log(`server CPU:   ${http.cpu.toFixed(1)} s for the feed, ${format(lines / http.cpu)} lines per CPU-second (the rate with a core to itself)`);
if (http.counted !== null) console.log(`/metrics:     feed_lines_total{scope="pcr-results",outcome="stored"} ${format(http.counted)}`);
const raw = await floor();
console.log(`raw floor:    ${format(raw.perSecond)} lines/s (${raw.seconds.toFixed(1)} s), better-sqlite3 in one process, ${floorBatch} rows a transaction`);
console.log(`ratio:        HTTP at ${((http.perSecond / raw.perSecond) * 100).toFixed(0)}% of the floor (${(raw.perSecond / http.perSecond).toFixed(2)}× slower)`);
console.log(`goal:         ≥ 20,000 lines/s ${http.perSecond >= 20_000 ? 'met' : 'NOT met'}; RSS ≤ 300 MB ${http.rssMb <= 300 ? 'met' : 'NOT met'}`);
console.log(`machine:      ${cpus().length} × ${cpus()[0]?.model ?? '?'}; load ${loadavg().map((n) => n.toFixed(2)).join(' / ')}; Node ${process.version}`);
