import type { CheckIn } from '../../core/contract.ts';
import type { Db } from './database.ts';

interface CheckInRow {
  id: string;
  citizen_id: string;
  venue_number: string;
  venue_name: string;
  district: string;
  scanned_at: string;
  received_at: string;
}

function toCheckIn(row: CheckInRow): CheckIn {
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

/**
 * Citizens' place-code check-ins, written by the outbox's 'check-in' sync handler. Writes are idempotent
 * by the client-made id, so a check-in sent again after a lost answer is stored once. Rows older than the retention
 * period are deleted whenever the store is written or read.
 */
export function createCheckInStore(db: Db) {
  const columns = 'id, citizen_id, venue_number, venue_name, district, scanned_at, received_at';
  const insert = db.prepare(
    `INSERT INTO check_ins (id, citizen_id, venue_number, venue_name, district, scanned_at, received_at)
     VALUES (@id, @citizenId, @venueNumber, @venueName, @district, @scannedAt, @receivedAt) ON CONFLICT (id) DO NOTHING`,
  );
  const byCitizen = db.prepare<[string], CheckInRow>(`SELECT ${columns} FROM check_ins WHERE citizen_id = ? ORDER BY scanned_at DESC, id`);
  const prune = db.prepare<[string]>('DELETE FROM check_ins WHERE scanned_at < ?');

  return {
    /** Stores the check-in unless its id is already known. */
    record(checkIn: NewCheckIn): void {
      insert.run(checkIn);
    },
    of(citizenId: string): CheckIn[] {
      return byCitizen.all(citizenId).map(toCheckIn);
    },
    /** Deletes check-ins scanned before `cutoff` (ISO instant); returns how many went. */
    deleteBefore(cutoff: string): number {
      return prune.run(cutoff).changes;
    },
  };
}

export type CheckInStore = ReturnType<typeof createCheckInStore>;
