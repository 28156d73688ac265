/**
 * Check-in throughput beside its floor, for the README's "Scaling out" figures. For each engine the floor
 * is the same rows (a sync_items row and a check_ins row per check-in) written straight into the database
 * with no HTTP, no JSON and no signature check: better-sqlite3 in one process in 10-row transactions; for
 * PostgreSQL the same INSERTs in 10-row transactions through one connection, and `COPY` through psql.
 * Then `npm run load` runs for SQLite at 1 node and PostgreSQL at 1, 2 and 4 nodes, a node killed in each.
 *
 *   npm run bench:db                       CLIENTS=200 RUN_SECONDS=40 KILL=false npm run bench:db
 */
import { cpus } from 'node:os';
import { describeReport, runLoad, type LoadReport } from '../load/load.ts';
import { postgresCheckInFloors, sqliteCheckInFloor } from './checkin-floors.ts';

const clients = Number(process.env.CLIENTS ?? 200);
// Not SECONDS: bash keeps that name for its own clock.
const seconds = Number(process.env.RUN_SECONDS ?? 40);
const floorRows = Number(process.env.FLOOR_ROWS ?? 50_000);
const round = (n: number) => Math.round(n).toLocaleString('en-US');
const ratio = (n: number, floor: number) => `${(n / floor).toFixed(2)}×`;

console.log(
  `Machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, Node ${process.version}; ${clients} clients for ${seconds} s` +
    (process.env.KILL === 'false' ? '' : ', one node SIGKILLed half-way'),
);
const sqlite = await sqliteCheckInFloor(floorRows);
const postgres = await postgresCheckInFloors(floorRows);
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
