/**
 * Citizens' place-code check-ins. A check-in's id is made on the device and recorded in sync_items in the
 * same transaction (services/sync.ts), so one sent again after a lost answer is stored once.
 *
 * Kept for the retention period, then removed by `deleteBefore`. On PostgreSQL the table is partitioned by
 * the UTC day of `scanned_at`: whole days are dropped as tables, and only the day the cutoff falls in (and
 * the default partition, for late syncs of old scans) loses rows one by one.
 */
import { sql, type Kysely } from 'kysely';
import type { CheckIn } from '../../core/contract/venues.ts';
import type { Engine } from './database.ts';
import type { CheckInsTable, Schema } from './schema.ts';

function toCheckIn(row: CheckInsTable): CheckIn {
  return {
    id: row.id,
    venueNumber: row.venue_number,
    venueName: row.venue_name,
    district: row.district,
    scannedAt: row.scanned_at,
    receivedAt: row.received_at,
  };
}

export interface NewCheckIn {
  id: string;
  citizenId: string;
  venueNumber: string;
  venueName: string;
  district: string;
  scannedAt: string;
  receivedAt: string;
}

const dayMs = 24 * 60 * 60 * 1000;
const partitionName = /^check_ins_(\d{4})(\d{2})(\d{2})$/;

/** yyyy-mm-dd of the UTC day `offset` days after the one `ms` falls in. */
function utcDay(ms: number, offset = 0): string {
  return new Date(ms + offset * dayMs).toISOString().slice(0, 10);
}

export function createCheckInStore(db: Kysely<Schema>, engine: Engine) {
  /** Names of the day partitions that exist, with their day. */
  async function dayPartitions(): Promise<{ name: string; day: string }[]> {
    const { rows } = await sql<{ name: string }>`
      SELECT child.relname AS name FROM pg_inherits
      JOIN pg_class child ON child.oid = pg_inherits.inhrelid
      JOIN pg_class parent ON parent.oid = pg_inherits.inhparent
      WHERE parent.relname = 'check_ins'`.execute(db);
    return rows.flatMap(({ name }) => {
      const match = partitionName.exec(name);
      return match ? [{ name, day: `${match[1]}-${match[2]}-${match[3]}` }] : [];
    });
  }

  return {
    /** Stores check-ins in one statement. */
    async record(checkIns: readonly NewCheckIn[]): Promise<void> {
      if (checkIns.length === 0) return;
      await db
        .insertInto('check_ins')
        .values(
          checkIns.map((checkIn) => ({
            id: checkIn.id,
            citizen_id: checkIn.citizenId,
            venue_number: checkIn.venueNumber,
            venue_name: checkIn.venueName,
            district: checkIn.district,
            scanned_at: checkIn.scannedAt,
            received_at: checkIn.receivedAt,
          })),
        )
        .execute();
    },
    /** Whether a check-in with this id is stored (a kiosk's live code is stored under an id made from the code). */
    async has(id: string): Promise<boolean> {
      return (await db.selectFrom('check_ins').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
    },
    /** A citizen's check-ins scanned at or after `since` (ISO instant), newest first. */
    async of(citizenId: string, since: string): Promise<CheckIn[]> {
      const rows = await db
        .selectFrom('check_ins')
        .selectAll()
        .where('citizen_id', '=', citizenId)
        .where('scanned_at', '>=', since)
        .orderBy('scanned_at', 'desc')
        .orderBy('id')
        .execute();
      return rows.map(toCheckIn);
    },
    /**
     * Makes sure the days from today to `daysAhead` have their partition before their first scan arrives
     * (PostgreSQL only; a no-op on SQLite). Two nodes doing this at once is harmless.
     */
    async prepareDays(now: number, daysAhead = 3): Promise<void> {
      if (engine !== 'postgres') return;
      for (let offset = 0; offset <= daysAhead; offset++) {
        const from = utcDay(now, offset);
        const name = `check_ins_${from.replaceAll('-', '')}`;
        try {
          await sql`CREATE TABLE IF NOT EXISTS ${sql.table(name)} PARTITION OF check_ins
            FOR VALUES FROM (${sql.lit(from)}) TO (${sql.lit(utcDay(now, offset + 1))})`.execute(db);
        } catch (error) {
          // Another node made it a moment ago, or the default partition already holds rows of that day;
          // either way the rows have a home and the next pass tries again.
          console.warn(`check-in partition ${name} not made: ${String(error)}`);
        }
      }
    },
    /** Deletes check-ins scanned before `cutoff` (ISO instant): whole day partitions where it can. */
    async deleteBefore(cutoff: string): Promise<void> {
      if (engine === 'postgres') {
        for (const partition of await dayPartitions()) {
          if (partition.day < cutoff.slice(0, 10)) await sql`DROP TABLE IF EXISTS ${sql.table(partition.name)}`.execute(db);
        }
      }
      await db.deleteFrom('check_ins').where('scanned_at', '<', cutoff).execute();
    },
  };
}

export type CheckInStore = ReturnType<typeof createCheckInStore>;
