/**
 * The floors check-in sync is measured against: the same two rows per check-in (a sync_items row and a
 * check_ins row) written straight into the engine with no HTTP, no JSON and no signature check.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { openDatabase } from '../../server/storage/database.ts';
import { startPostgresCluster } from '../../testing/server/postgres-cluster.ts';

const citizen = 'demo-a';

function rowsFor(count: number) {
  const at = new Date().toISOString();
  return Array.from({ length: count }, () => ({ id: crypto.randomUUID(), at }));
}

/** Check-ins a second written straight into SQLite by better-sqlite3, 10 to a transaction. */
export async function sqliteCheckInFloor(floorRows: number): Promise<number> {
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

/** Check-ins a second into PostgreSQL by INSERTs in 10-row transactions and by COPY, and the disk a stored one takes. */
export async function postgresCheckInFloors(floorRows: number): Promise<{ inserts: number; copy: number; bytesPerCheckIn: number }> {
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

