/**
 * A Shanghai day at SCALE (default 1/100: 250,000 citizens) on this machine, over SQLite and PostgreSQL,
 * each path beside its floor. Per engine, one real server process (DEMO=false, as deployed) takes:
 *   - a registry's citizens feed and a day's PCR result for every citizen, streamed through HTTP;
 *   - a colour decision turning DECISION citizens yellow, and the compact revocation list's delta a verifier
 *     holding yesterday's list fetches, opened and applied by the verifier's own code (Node, unthrottled;
 *     `npm run bench:revocations` applies it in Chromium at 4×);
 *   - the reused-photo lookup over ANTIGEN_STORED photo hashes in the server's own table (random hashes:
 *     generating and decoding that many cassette JPEGs would measure the JPEG decoder, not the lookup);
 * and then the check-in load (`npm run load`'s code: CLIENTS clients, CHECKIN_SECONDS, a node SIGKILLed),
 * whose count is projected to the day's CHECK_INS. Feed, request and sync figures are read from the
 * server's GET /metrics; CPU seconds from /proc beside every wall time (the machine is shared).
 * Writes its section of BENCHMARKS.md (between the bench:city markers) and prints it. Loopback only;
 * stops by itself (TIME_LIMIT_MINUTES, default 90).
 *
 *   npm run bench:city                      SCALE=0.001 ENGINES=sqlite npm run bench:city
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { entryCount, openCompactList } from '../../core/crypto/revocation-groups.ts';
import { applyRevocations } from '../../app/verification/revocation-check.ts';
import { photoMatchThresholds } from '../../server/services/photo-match.ts';
import { openDatabase, type DatabaseLocation, type Engine } from '../../server/storage/database.ts';
import { createStorage } from '../../server/storage/storage.ts';
import { histogramQuantile, readMetrics, sample } from '../../testing/server/metrics-text.ts';
import { postFeed } from '../../testing/server/post-feed.ts';
import { freePort, startPostgresCluster, type PostgresCluster } from '../../testing/server/postgres-cluster.ts';
import { cpuSecondsOf, peakRssMb } from '../../testing/server/process-stats.ts';
import { addProvider, startServerProcess, stopServerProcess, waitReady } from '../../testing/server/server-process.ts';
import { signingKeyLookup } from '../../testing/server/test-client.ts';
import { runLoad, type LoadReport } from '../load/load.ts';
import { postgresCheckInFloors, sqliteCheckInFloor } from './checkin-floors.ts';
import { benchIdNumber, ndjsonStream } from './feed-stream.ts';

const shanghai = 25_000_000;
const scale = Number(process.env.SCALE ?? 0.01);
const citizens = Math.round(shanghai * scale);
const decision = Math.min(citizens, Number(process.env.DECISION ?? Math.round(5_000_000 * scale)));
const antigenStored = Number(process.env.ANTIGEN_STORED ?? Math.round(2_500_000 * scale));
const checkInsPerDay = Number(process.env.CHECK_INS ?? Math.round(100_000_000 * scale));
const clients = Number(process.env.CLIENTS ?? Math.max(20, Math.round(200_000 * scale)));
const checkInSeconds = Number(process.env.CHECKIN_SECONDS ?? 60);
const probes = Number(process.env.PROBES ?? 100);
const engines = (process.env.ENGINES ?? 'sqlite,postgres').split(',').map((name) => name.trim()) as Engine[];
const timeLimitMinutes = Number(process.env.TIME_LIMIT_MINUTES ?? 90);

const watchdog = setTimeout(() => {
  console.error(`bench:city: still running after ${timeLimitMinutes} minutes; stopping`);
  process.exit(1);
}, timeLimitMinutes * 60_000);
watchdog.unref();

const format = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '?');
const hour = 3600_000;
const now = Date.now();
const sampledAt = new Date(now - 10 * hour).toISOString();
const reportedAt = new Date(now - hour).toISOString();
const citizenLine = (i: number) => ({ externalId: `R-${i}`, idNumber: benchIdNumber(i), name: '张小三', phone: `139${String(i).padStart(8, '0')}` });
const pcrLine = (i: number) => ({ externalId: `L-${i}`, idNumber: benchIdNumber(i), sampledAt, reportedAt, result: 'negative', institution: '徐汇区中心医院' });
const decisionLine = (i: number) => ({ externalId: `D-${i}`, idNumber: benchIdNumber(i), colour: 'yellow', reason: '区域筛查', decidedAt: new Date(now - 60_000).toISOString() });

const rate = (figure: FeedFigure) => `${format(figure.lines / figure.seconds)} lines/s (${format(figure.lines / figure.cpu)} per server CPU-s)`;

interface FeedFigure {
  lines: number;
  seconds: number;
  cpu: number;
  stored: number;
  rejected: number;
}

interface EngineFigures {
  engine: Engine;
  citizensFeed: FeedFigure;
  pcrFeed: FeedFigure;
  feedP95Seconds: number;
  peakRssMb: number;
  decisionFeed: FeedFigure;
  deltaBytes: number;
  deltaServerMs: number;
  deltaApplyMs: number;
  deltaEntries: number;
  lookupP50: number;
  lookupP95: number;
  lookupRows: number;
  /** The load run's report, or why it did not finish. */
  checkIns: LoadReport | string;
  checkInFloor: number;
  checkInCopyFloor: number | null;
}

async function databaseFor(engine: Engine): Promise<{ location: DatabaseLocation; cluster?: PostgresCluster; dataDir?: string }> {
  if (engine === 'sqlite') {
    const dataDir = mkdtempSync(join(tmpdir(), 'suishen-city-'));
    return { location: { engine, dataDir }, dataDir };
  }
  const cluster = await startPostgresCluster();
  const admin = new pg.Client({ connectionString: cluster.url() });
  await admin.connect();
  await admin.query('CREATE DATABASE city');
  await admin.end();
  return { location: { engine, url: cluster.url('city') }, cluster };
}

/** One streamed feed, with what /metrics says it stored and rejected, and the server CPU it took. */
async function feed(url: string, pid: number | undefined, scope: 'citizens' | 'pcr-results' | 'colour-decisions', key: string, count: number, line: (i: number) => object): Promise<FeedFigure> {
  const before = await readMetrics(url);
  const cpuBefore = cpuSecondsOf(pid) ?? NaN;
  const began = performance.now();
  await postFeed(url, scope, key, ndjsonStream(count, line));
  const seconds = (performance.now() - began) / 1000;
  const after = await readMetrics(url);
  const moved = (outcome: string) => sample(after, 'feed_lines_total', { scope, outcome }) - sample(before, 'feed_lines_total', { scope, outcome });
  const stored = moved('stored') + moved('updated');
  if (stored !== count) throw new Error(`${scope}: /metrics counted ${stored} stored of ${count} (rejected ${moved('rejected')})`);
  return { lines: count, seconds, cpu: (cpuSecondsOf(pid) ?? NaN) - cpuBefore, stored, rejected: moved('rejected') };
}

/** The verifier's side: yesterday's whole list held, then the delta since it, fetched, opened and merged. */
async function revocationDelta(url: string, fetchDelta: () => Promise<void>) {
  const lookup = await signingKeyLookup(url);
  const fetchBytes = async (path: string) => {
    const began = performance.now();
    const response = await fetch(`${url}/api${path}`);
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    return { bytes: new Uint8Array(await response.arrayBuffer()), ms: performance.now() - began };
  };
  const open = async (sealed: Uint8Array<ArrayBuffer>) => {
    const header = await openCompactList(sealed, lookup);
    if (!header) throw new Error('the revocation list does not open with the server keys');
    return header;
  };
  const noPause = () => Promise.resolve();
  const held = await open((await fetchBytes('/revocations/compact')).bytes);
  const heldList = await applyRevocations(null, held, Date.now(), noPause);
  await fetchDelta();
  const delta = await fetchBytes(`/revocations/compact?since=${held.v}`);
  const began = performance.now();
  const merged = await applyRevocations(heldList, await open(delta.bytes), Date.now(), noPause);
  return { bytes: delta.bytes.length, serverMs: delta.ms, applyMs: performance.now() - began, entries: entryCount(merged.groups) - entryCount(heldList.groups) };
}

/** The reused-photo lookup through the server's own store, after `stored` hashes are put as uploads put them. */
async function photoLookup(location: DatabaseLocation) {
  const database = await openDatabase(location);
  try {
    const storage = createStorage(database);
    const createdAt = new Date().toISOString();
    for (let index = 0; index < antigenStored; index++) {
      await storage.antigenPhotos.putHash({ citizenId: `p-${index}`, testId: 't', hash: randomBytes(36).toString('hex'), print: null, createdAt });
    }
    const radius = { scene: photoMatchThresholds.candidateScene, kit: photoMatchThresholds.candidateKit };
    const times: number[] = [];
    let rows = 0;
    for (let probe = 0; probe < probes; probe++) {
      const began = performance.now();
      rows += (await storage.antigenPhotos.candidatesNear(randomBytes(36).toString('hex'), radius)).length;
      times.push(performance.now() - began);
    }
    times.sort((a, b) => a - b);
    const at = (share: number) => times[Math.min(times.length - 1, Math.floor(share * times.length))] ?? NaN;
    return { p50: at(0.5), p95: at(0.95), rows: rows / probes };
  } finally {
    await database.close();
  }
}

async function runEngine(engine: Engine): Promise<EngineFigures> {
  const { location, cluster, dataDir } = await databaseFor(engine);
  const server = startServerProcess(await freePort(), location, {
    DEMO: 'false',
    DIST_DIR: mkdtempSync(join(tmpdir(), 'suishen-city-client-')),
    SMS_WEBHOOK_URL: 'http://127.0.0.1:9/unused',
    SMS_WEBHOOK_SECRET: 'bench-secret-not-used-0123',
  });
  try {
    await waitReady(server);
    const pid = server.process.pid;
    const registry = addProvider(location, 'registry', 'citizens');
    const lab = addProvider(location, 'lab', 'pcr-results');
    const authority = addProvider(location, 'authority', 'colour-decisions');
    console.log(`${engine}: ${format(citizens)} citizens, then their PCR results`);
    const citizensFeed = await feed(server.url, pid, 'citizens', registry, citizens, citizenLine);
    const pcrFeed = await feed(server.url, pid, 'pcr-results', lab, citizens, pcrLine);
    console.log(`${engine}: citizens feed ${rate(citizensFeed)}; PCR feed ${rate(pcrFeed)}`);
    const feedP95Seconds = histogramQuantile(await readMetrics(server.url), 'http_request_duration_seconds', { route: '/api/feeds/:scope' }, 0.95);
    console.log(`${engine}: a decision turning ${format(decision)} yellow, and the verifier's delta`);
    let decisionFeed: FeedFigure | undefined;
    const delta = await revocationDelta(server.url, async () => {
      decisionFeed = await feed(server.url, pid, 'colour-decisions', authority, decision, decisionLine);
    });
    if (!decisionFeed) throw new Error('no decision feed');
    console.log(`${engine}: decision feed ${rate(decisionFeed)}; delta ${format(delta.bytes)} bytes, applied in ${format(delta.applyMs)} ms`);
    const rss = peakRssMb(pid);
    console.log(`${engine}: ${format(antigenStored)} photo hashes, ${probes} lookups`);
    const lookup = await photoLookup(location);
    console.log(`${engine}: photo lookup p50 ${lookup.p50.toFixed(1)} ms, p95 ${lookup.p95.toFixed(1)} ms`);
    await stopServerProcess(server);

    console.log(`${engine}: check-ins, ${clients} clients for ${checkInSeconds} s, a node SIGKILLed`);
    // A load run that fails still leaves the other paths' figures, and says why it did not finish.
    const checkIns = await runLoad({ engine, nodes: engine === 'sqlite' ? 1 : 2, clients, seconds: checkInSeconds, killOne: true }).catch((error: unknown) => (error instanceof Error ? error.message : String(error)));
    console.log(`${engine}: check-ins ${typeof checkIns === 'string' ? `did not finish: ${checkIns}` : `${format(checkIns.checkInsPerSecond)}/s, ${checkIns.lost} lost, ${checkIns.duplicated} duplicated`}`);
    const floors = engine === 'sqlite' ? { inserts: await sqliteCheckInFloor(50_000), copy: null } : await postgresCheckInFloors(50_000);
    return {
      engine,
      citizensFeed,
      pcrFeed,
      feedP95Seconds,
      peakRssMb: rss,
      decisionFeed,
      deltaBytes: delta.bytes,
      deltaServerMs: delta.serverMs,
      deltaApplyMs: delta.applyMs,
      deltaEntries: delta.entries,
      lookupP50: lookup.p50,
      lookupP95: lookup.p95,
      lookupRows: lookup.rows,
      checkIns,
      checkInFloor: floors.inserts,
      checkInCopyFloor: floors.copy,
    };
  } finally {
    await stopServerProcess(server);
    cluster?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}


function section(runs: readonly EngineFigures[], machine: string): string {
  const rows = runs.flatMap((run) => {
    const load = run.checkIns;
    const checkInRow =
      typeof load === 'string'
        ? `| ${run.engine} | check-ins, ${clients} clients, ${checkInSeconds} s, a node killed | did not finish: ${load} | ≥ 0.5× floor, 0 lost, 0 duplicated |`
        : `| ${run.engine} | check-ins, ${load.clients} clients, ${load.seconds} s, one node of ${load.nodes} killed | ${format(load.checkInsPerSecond)}/s = ${(load.checkInsPerSecond / run.checkInFloor).toFixed(2)}× the INSERT floor (${format(run.checkInFloor)}/s)${run.checkInCopyFloor === null ? '' : `, ${(load.checkInsPerSecond / run.checkInCopyFloor).toFixed(2)}× COPY`}; server CPU ${load.serverCpuMsPer1000 ?? '?'} ms per 1,000; ${load.lost} lost, ${load.duplicated} duplicated; the day's ${format(checkInsPerDay)} in ${(checkInsPerDay / load.checkInsPerSecond / 3600).toFixed(1)} h | ≥ 0.5× floor, 0 lost, 0 duplicated |`;
    return [
      `| ${run.engine} | PCR feed, ${format(run.pcrFeed.lines)} lines | ${rate(run.pcrFeed)}; request p95 ${run.feedP95Seconds.toFixed(1)} s; ${run.pcrFeed.rejected} rejected; peak RSS ${format(run.peakRssMb)} MB | ≥ 20,000 lines/s, RSS ≤ 300 MB |`,
      `| ${run.engine} | citizens feed, ${format(run.citizensFeed.lines)} lines | ${rate(run.citizensFeed)} | – |`,
      checkInRow,
      `| ${run.engine} | photo lookup, ${format(antigenStored)} hashes stored | p50 ${run.lookupP50.toFixed(1)} ms, p95 ${run.lookupP95.toFixed(1)} ms, ${run.lookupRows.toFixed(0)} rows fetched | p95 ≤ 50 ms |`,
      `| ${run.engine} | decision of ${format(decision)}: delta to a verifier | ${format(run.deltaBytes)} bytes (${run.deltaEntries === decision ? 'every one listed' : `${format(run.deltaEntries)} listed`}), served in ${format(run.deltaServerMs)} ms, applied in ${format(run.deltaApplyMs)} ms (Node); decision feed ${rate(run.decisionFeed)} | ≤ 1 MB, ≤ 1 s at 4× |`,
    ];
  });
  return [
    '<!-- bench:city start -->',
    '## A Shanghai day at scale',
    '',
    `\`npm run bench:city\` at ${scale === 0.01 ? '1/100' : `${scale}×`} of Shanghai (${format(citizens)} citizens), one real server process per engine; feed and request figures from its \`/metrics\`, CPU from /proc. The capacity model built on these: [docs/scaling.md](docs/scaling.md). ${machine}`,
    '',
    '| engine | path | measured | goal |',
    '|---|---|---|---|',
    ...rows,
    '<!-- bench:city end -->',
  ].join('\n');
}

function writeSection(text: string): void {
  const file = join(import.meta.dirname, '../../BENCHMARKS.md');
  const current = readFileSync(file, 'utf8');
  const start = current.indexOf('<!-- bench:city start -->');
  const end = current.indexOf('<!-- bench:city end -->');
  const next = start >= 0 && end > start ? current.slice(0, start) + text + current.slice(end + '<!-- bench:city end -->'.length) : `${current.trimEnd()}\n\n${text}\n`;
  writeFileSync(file, next);
}

console.log(`bench:city: scale ${scale} (${format(citizens)} citizens), engines ${engines.join(', ')}`);
const runs: EngineFigures[] = [];
for (const engine of engines) runs.push(await runEngine(engine));
const load = loadavg().map((n) => n.toFixed(2)).join(' / ');
const machine = `Machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, Node ${process.version}, load ${load} at the end, ${new Date().toISOString().slice(0, 16)} UTC.`;
const text = section(runs, machine);
console.log(`\n${text}`);
if (process.env.WRITE !== '0') writeSection(text);
