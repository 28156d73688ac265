/**
 * Load and fault test for check-in sync: N server processes over one database, C clients spread over them
 * round-robin, each syncing check-ins in batches of 10 with client-made ids and sending any batch that got
 * no answer again to the next node. In the middle one node is SIGKILLed (a lone node is then restarted).
 * At the end every id ever sent is looked up in the database: 0 lost and 0 duplicated is the pass.
 * Loopback only, bounded in time and count, stops by itself.
 *
 *   npm run load -- --engine sqlite|postgres --nodes N --clients C --seconds S [--kill-one]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { endpoints } from '../../core/contract/endpoints.ts';
import { openDatabase, rawQuery, type DatabaseLocation, type Engine } from '../../server/storage/database.ts';
import { loginCookie } from '../../testing/server/demo-login.ts';
import { freePort, startPostgresCluster, type PostgresCluster } from '../../testing/server/postgres-cluster.ts';
import { cpuSecondsOf } from '../../testing/server/process-stats.ts';
import { isRunning, startServerProcess, stopServerProcess, waitReady, type ServerProcess } from '../../testing/server/server-process.ts';

export interface LoadOptions {
  engine: Engine;
  nodes: number;
  clients: number;
  seconds: number;
  killOne: boolean;
  /** Progress lines; silent when absent. */
  log?: (line: string) => void;
}

export interface LoadReport {
  engine: Engine;
  nodes: number;
  clients: number;
  seconds: number;
  sent: number;
  acknowledged: number;
  lost: number;
  duplicated: number;
  checkInsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  failedRequests: number;
  /**
   * CPU time the surviving server processes spent per 1,000 acknowledged check-ins (Linux only): unlike
   * check-ins/s it barely moves when other work shares the machine. With --kill-one the killed node's
   * share is missing, so compare runs without it.
   */
  serverCpuMsPer1000: number | null;
}

/** User plus system CPU time of a process so far, in ms; null where /proc cannot tell. */
const cpuMsOf = (pid: number | undefined): number | null => {
  const seconds = cpuSecondsOf(pid);
  return seconds === null ? null : seconds * 1000;
};

const batchSize = 10;
const requestTimeoutMs = 10_000;
/** After the run, unanswered batches are sent again for at most this long. */
const drainMs = 30_000;
const demoPhones = ['13800000001', '13800000002', '13800000003', '13800000004', '13800000005', '13800000006'];

async function post(url: string, path: string, body: unknown, cookie?: string): Promise<Response> {
  return fetch(`${url}/api${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(requestTimeoutMs),
  });
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/**
 * Each phase has its own time (logins go one at a time, so theirs grows with the clients; sending is the
 * run's length and a node's restart): a phase past it has hung somewhere, and the run stops with an error.
 */
export function runLoad(options: LoadOptions): Promise<LoadReport> {
  const budgetMs = (phase: string) =>
    phase === 'logging in' ? 60_000 + options.clients * 1000 : phase === 'sending' ? (options.seconds + 120) * 1000 : phase === 'draining' ? drainMs + 60_000 : 120_000;
  let timer: NodeJS.Timeout | undefined;
  let fail: (error: Error) => void = () => undefined;
  const watchdog = new Promise<never>((_, reject) => {
    fail = reject;
  });
  const enter = (phase: string) => {
    clearTimeout(timer);
    const limit = budgetMs(phase);
    timer = setTimeout(() => fail(new Error(`load run still ${phase} after ${limit / 1000} s`)), limit);
  };
  enter('starting');
  return Promise.race([load(options, enter), watchdog]).finally(() => clearTimeout(timer));
}

async function load(options: LoadOptions, enter: (phase: string) => void): Promise<LoadReport> {
  const log = options.log ?? (() => undefined);
  const nodeCount = options.engine === 'sqlite' ? 1 : options.nodes;
  let cluster: PostgresCluster | undefined;
  let dataDir: string | undefined;
  let location: DatabaseLocation;
  if (options.engine === 'sqlite') {
    dataDir = mkdtempSync(join(tmpdir(), 'suishen-load-'));
    location = { engine: 'sqlite', dataDir };
  } else {
    cluster = await startPostgresCluster();
    const admin = new pg.Client({ connectionString: cluster.url() });
    await admin.connect();
    await admin.query('CREATE DATABASE suishen');
    await admin.end();
    location = { engine: 'postgres', url: cluster.url('suishen') };
  }

  // The nodes serve the API only (the load is check-ins, not pages), from an empty client folder.
  const noClient = { DIST_DIR: mkdtempSync(join(tmpdir(), 'suishen-load-client-')) };
  const nodes: ServerProcess[] = [];
  try {
    // The first node migrates the empty database alone; the rest start once it is ready.
    for (let index = 0; index < nodeCount; index++) {
      const node = startServerProcess(await freePort(), location, noClient);
      nodes.push(node);
      if (index === 0) await waitReady(node);
    }
    await Promise.all(nodes.map((node) => waitReady(node)));
    log(`${nodeCount} ${options.engine} node(s) ready`);

    const [first] = nodes;
    if (!first) throw new Error('no node');
    const nodeFor = (index: number): ServerProcess => nodes[index % nodes.length] ?? first;
    enter('logging in');
    const ownerCookie = await loginCookie(first.url, demoPhones[0] ?? '');
    const venue = await post(first.url, '/venues', { name: '压测商店', district: '黄浦区', address: '南京东路1号', kind: 'shop' }, ownerCookie);
    const venueToken = endpoints.registerVenue.response.parse(await venue.json()).venue.token;

    // Logins go one by one: a new code for a phone replaces the last one.
    const cookies: string[] = [];
    for (let client = 0; client < options.clients; client++) {
      const node = nodeFor(client);
      cookies.push(await loginCookie(node.url, demoPhones[client % demoPhones.length] ?? ''));
    }

    const sent = new Set<string>();
    const acknowledged = new Set<string>();
    const latencies: number[] = [];
    let failedRequests = 0;
    const startedAt = Date.now();
    const endsAt = startedAt + options.seconds * 1000;

    /** Sends one batch until some node answers for every item, or `until` passes. */
    async function deliver(client: number, items: { id: string; kind: string; payload: unknown }[], until: number): Promise<boolean> {
      for (let attempt = 0; Date.now() < until; attempt++) {
        const node = nodeFor(client + attempt);
        const began = performance.now();
        try {
          const response = await post(node.url, '/sync/batch', { items }, cookies[client]);
          if (response.ok) {
            const results = endpoints.syncBatch.response.parse(await response.json()).results;
            if (results.every((result) => result.status === 'stored' || result.status === 'duplicate')) {
              latencies.push(performance.now() - began);
              for (const result of results) acknowledged.add(result.id);
              return true;
            }
          } else {
            await response.body?.cancel();
          }
        } catch {
          // Refused, reset or timed out: the node may be dead; the next attempt goes to another.
        }
        failedRequests++;
        await new Promise((resolve) => setTimeout(resolve, 50 * Math.min(attempt + 1, 10)));
      }
      return false;
    }

    const unanswered: { client: number; items: { id: string; kind: string; payload: unknown }[] }[] = [];
    async function client(index: number): Promise<void> {
      while (Date.now() < endsAt) {
        const items = Array.from({ length: batchSize }, () => ({
          id: crypto.randomUUID(),
          kind: 'check-in',
          payload: { venueToken, scannedAt: new Date().toISOString() },
        }));
        for (const item of items) sent.add(item.id);
        if (!(await deliver(index, items, endsAt))) unanswered.push({ client: index, items });
      }
    }

    async function killOne(): Promise<void> {
      await new Promise((resolve) => setTimeout(resolve, (options.seconds * 1000) / 2));
      const victim = nodes[0];
      if (!victim) return;
      const exited = isRunning(victim) ? new Promise((resolve) => victim.process.once('exit', resolve)) : Promise.resolve();
      victim.process.kill('SIGKILL');
      log(`SIGKILLed the node on ${victim.url} at ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
      if (nodes.length === 1) {
        await exited;
        const restarted = startServerProcess(victim.port, location, noClient);
        nodes[0] = restarted;
        await waitReady(restarted);
        log(`restarted it at ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
      }
    }

    enter('sending');
    await Promise.all([...cookies.map((_, index) => client(index)), ...(options.killOne ? [killOne()] : [])]);
    enter('draining');
    const elapsed = (Date.now() - startedAt) / 1000;
    const drainUntil = Date.now() + drainMs;
    for (const batch of unanswered) await deliver(batch.client, batch.items, drainUntil);

    enter('stopping the nodes');
    const cpu = nodes.filter(isRunning).map((node) => cpuMsOf(node.process.pid));
    const serverCpuMs = cpu.reduce<number | null>((sum, ms) => (sum === null || ms === null ? null : sum + ms), 0);
    await Promise.all(nodes.map((node) => stopServerProcess(node)));

    enter('counting');
    const database = await openDatabase(location);
    let lost = 0;
    let duplicated = 0;
    try {
      const counts = new Map<string, number>();
      const rows = await rawQuery<{ id: string; n: number }>(database, 'SELECT id, count(*) AS n FROM check_ins GROUP BY id');
      for (const row of rows) counts.set(row.id, row.n);
      // Every id sent must be stored exactly once: the client keeps sending a batch until it is answered.
      for (const id of sent) {
        const n = counts.get(id) ?? 0;
        if (n === 0) lost++;
        if (n > 1) duplicated += n - 1;
      }
    } finally {
      await database.close();
    }

    latencies.sort((a, b) => a - b);
    return {
      engine: options.engine,
      nodes: nodeCount,
      clients: options.clients,
      seconds: options.seconds,
      sent: sent.size,
      acknowledged: acknowledged.size,
      lost,
      duplicated,
      checkInsPerSecond: Math.round(acknowledged.size / elapsed),
      p50Ms: Math.round(percentile(latencies, 50)),
      p99Ms: Math.round(percentile(latencies, 99)),
      failedRequests,
      serverCpuMsPer1000: serverCpuMs === null || acknowledged.size === 0 ? null : Math.round((serverCpuMs / acknowledged.size) * 1000),
    };
  } finally {
    for (const node of nodes) if (isRunning(node)) node.process.kill('SIGKILL');
    cluster?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    rmSync(noClient.DIST_DIR, { recursive: true, force: true });
  }
}

export function describeReport(report: LoadReport): string {
  return [
    `${report.engine}, ${report.nodes} node(s), ${report.clients} clients, ${report.seconds} s`,
    `sent ${report.sent}, acknowledged ${report.acknowledged}, lost ${report.lost}, duplicated ${report.duplicated}`,
    `${report.checkInsPerSecond} check-ins/s, batch p50 ${report.p50Ms} ms, p99 ${report.p99Ms} ms, ${report.failedRequests} failed requests retried`,
    `server CPU ${report.serverCpuMsPer1000 ?? '?'} ms per 1,000 check-ins`,
  ].join('\n');
}

if (import.meta.filename === process.argv[1]) {
  const { values } = parseArgs({
    options: {
      engine: { type: 'string', default: 'sqlite' },
      nodes: { type: 'string', default: '1' },
      clients: { type: 'string', default: '20' },
      seconds: { type: 'string', default: '10' },
      'kill-one': { type: 'boolean', default: false },
    },
  });
  const engine = values.engine;
  if (engine !== 'sqlite' && engine !== 'postgres') throw new Error('--engine must be sqlite or postgres');
  const bounded = (name: string, value: string, max: number) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > max) throw new Error(`--${name} must be a whole number from 1 to ${max}`);
    return n;
  };
  const report = await runLoad({
    engine,
    nodes: bounded('nodes', values.nodes, 8),
    clients: bounded('clients', values.clients, 1000),
    seconds: bounded('seconds', values.seconds, 600),
    killOne: values['kill-one'],
    log: (line) => console.log(line),
  });
  console.log(describeReport(report));
  console.log(report.lost === 0 && report.duplicated === 0 ? 'PASS: 0 lost, 0 duplicated' : 'FAIL');
  process.exitCode = report.lost === 0 && report.duplicated === 0 ? 0 : 1;
}
