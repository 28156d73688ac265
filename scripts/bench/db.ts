/**
 * Check-in throughput beside its floor, for the README's "Scaling out" figures. For each engine the floor
 * is the same rows (a sync_items row and a check_ins row per check-in) written straight into the database
 * with no HTTP, no JSON and no signature check: better-sqlite3 in one process in 10-row transactions; for
 * PostgreSQL the same INSERTs in 10-row transactions through one connection, and `COPY` through psql.
 * Then `npm run load` runs for SQLite at 1 node and PostgreSQL at 1, 2 and 4 nodes, a node killed in each.
 *
 *   npm run bench:db                       CLIENTS=200 RUN_SECONDS=40 KILL=false npm run bench:db
 */
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { openDatabase } from '../../server/storage/database.ts';
import { describeReport, runLoad, type LoadReport } from '../load/load.ts';
import { startPostgresCluster } from '../../testing/server/postgres-cluster.ts';

const clients = Number(process.env.CLIENTS ?? 200);
// Not SECONDS: bash keeps that name for its own clock.
const seconds = Number(process.env.RUN_SECONDS ?? 40);
const floorRows = Number(process.env.FLOOR_ROWS ?? 50_000);
const citizen = 'demo-a';

function rowsFor(count: number) {
  const at = new Date().toISOString();
  return Array.from({ length: count }, () => ({ id: crypto.randomUUID(), at }));
}

async function sqliteFloor(): Promise<number> {
  const dataDir = mkdtempSync(join(tmpdir(), 'suishen-floor-'));
  try {
    await (await openDatabase({ engine: 'sqlite', dataDir })).close();
    const file = new SqliteDatabase(join(dataDir, 'suishen.sqlite'));
    file.pragma('journal_mode = WAL');
    file.pragma('synchronous = NORMAL');
    file.exec(`INSERT INTO citizens (id, name, id_number, colour, colour_since) VALUES ('${citizen}', 'x', '1', 'green', 'x')`);
    const item = file.prepare("INSERT INTO sync_items (id, citizen_id, kind, received_at) VALUES (?, ?, 'check-in', ?)");
    const checkIn = file.prepare("INSERT INTO check_ins (citizen_id, id, venue_number, venue_name, district, scanned_at, received_at) VALUES (?, ?, '12345678', '店', '黄浦区', ?, ?)");
    const batch = file.transaction((rows: { id: string; at: string }[]) => {
      for (const row of rows) {
        item.run(row.id, citizen, row.at);
        checkIn.run(citizen, row.id, row.at, row.at);
      }
    });
    const rows = rowsFor(floorRows);
    const began = performance.now();
    for (let i = 0; i < rows.length; i += 10) batch(rows.slice(i, i + 10));
    const perSecond = rows.length / ((performance.now() - began) / 1000);
    file.close();
    return perSecond;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function postgresFloors(): Promise<{ inserts: number; copy: number; bytesPerCheckIn: number }> {
  const cluster = await startPostgresCluster();
  try {
    const admin = new pg.Client({ connectionString: cluster.url() });
    await admin.connect();
    await admin.query('CREATE DATABASE floor');
    await admin.end();
    const url = cluster.url('floor');
    await (await openDatabase({ engine: 'postgres', url })).close();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`INSERT INTO citizens (id, name, id_number, colour, colour_since) VALUES ($1, 'x', '1', 'green', 'x')`, [citizen]);
    const rows = rowsFor(floorRows);
    let began = performance.now();
    for (let i = 0; i < rows.length; i += 10) {
      await client.query('BEGIN');
      for (const row of rows.slice(i, i + 10)) {
        await client.query("INSERT INTO sync_items (id, citizen_id, kind, received_at) VALUES ($1, $2, 'check-in', $3)", [row.id, citizen, row.at]);
        await client.query(
          "INSERT INTO check_ins (citizen_id, id, venue_number, venue_name, district, scanned_at, received_at) VALUES ($1, $2, '12345678', '店', '黄浦区', $3, $3)",
          [citizen, row.id, row.at],
        );
      }
      await client.query('COMMIT');
    }
    const inserts = rows.length / ((performance.now() - began) / 1000);
    await client.end();

    const copyRows = rowsFor(floorRows);
    const items = copyRows.map((row) => `${row.id},${citizen},check-in,${row.at}`).join('\n');
    const checkIns = copyRows.map((row) => `${citizen},${row.id},12345678,店,黄浦区,${row.at},${row.at}`).join('\n');
    const psql = (command: string, input: string) => execFileSync('psql', [url, '-q', '-c', command], { input: `${input}\n` });
    began = performance.now();
    psql('\\copy sync_items (id, citizen_id, kind, received_at) FROM STDIN WITH (FORMAT csv)', items);
    psql('\\copy check_ins (citizen_id, id, venue_number, venue_name, district, scanned_at, received_at) FROM STDIN WITH (FORMAT csv)', checkIns);
    const copy = copyRows.length / ((performance.now() - began) / 1000);

    // What one stored check-in costs on disk, tables and indexes, with its sync_items row: for the capacity model.
    const sizes = new pg.Client({ connectionString: url });
    await sizes.connect();
    await sizes.query('VACUUM ANALYZE');
    const { rows: size } = await sizes.query<{ bytes: string; n: string }>(
      `SELECT (SELECT sum(pg_total_relation_size(relid)) FROM pg_partition_tree('check_ins')) + pg_total_relation_size('sync_items') AS bytes,
              (SELECT count(*) FROM check_ins) AS n`,
    );
    await sizes.end();
    const bytesPerCheckIn = Number(size[0]?.bytes ?? 0) / Number(size[0]?.n ?? 1);
    return { inserts, copy, bytesPerCheckIn };
  } finally {
    cluster.stop();
  }
}

const round = (n: number) => Math.round(n).toLocaleString('en-US');
const ratio = (n: number, floor: number) => `${(n / floor).toFixed(2)}×`;

console.log(
  `Machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, Node ${process.version}; ${clients} clients for ${seconds} s` +
    (process.env.KILL === 'false' ? '' : ', one node SIGKILLed half-way'),
);
const sqlite = await sqliteFloor();
const postgres = await postgresFloors();
console.log(`Floors: SQLite ${round(sqlite)} check-ins/s; PostgreSQL INSERT ${round(postgres.inserts)}/s, COPY ${round(postgres.copy)}/s`);
console.log(`PostgreSQL disk per stored check-in (check_ins + sync_items, tables and indexes): ${round(postgres.bytesPerCheckIn)} bytes`);

const runs: LoadReport[] = [];
const killOne = process.env.KILL !== 'false';
for (const [engine, nodes] of [['sqlite', 1], ['postgres', 1], ['postgres', 2], ['postgres', 4]] as const) {
  const report = await runLoad({ engine, nodes, clients, seconds, killOne });
  console.log(describeReport(report));
  runs.push(report);
}

console.log('\n| engine | nodes | check-ins/s | p50 | p99 | lost | duplicated | server CPU per 1,000 | vs INSERT floor | vs COPY floor |');
console.log('|---|---|---|---|---|---|---|---|---|---|');
for (const run of runs) {
  const insertFloor = run.engine === 'sqlite' ? sqlite : postgres.inserts;
  const copyColumn = run.engine === 'sqlite' ? '–' : ratio(run.checkInsPerSecond, postgres.copy);
  console.log(
    `| ${run.engine} | ${run.nodes} | ${round(run.checkInsPerSecond)} | ${run.p50Ms} ms | ${run.p99Ms} ms | ${run.lost} | ${run.duplicated} | ${run.serverCpuMsPer1000 ?? '?'} ms | ${ratio(run.checkInsPerSecond, insertFloor)} | ${copyColumn} |`,
  );
}
