/**
 * Check-ins on this device, kept for the result screen and the 扫码记录 list (the outbox holds the copy
 * that is sent, under the same id, and forgets it once the server has it). Whether one is still
 * waiting is read from the outbox. Entries older than the retention period are deleted on read.
 */
import * as z from 'zod/mini';
import { checkInRetentionDays, venuePayload, type VenuePayload } from '../../../core/contract/venues.ts';
import { storage, walletDb } from '../../offline/db.ts';
import { readOutbox } from '../../offline/outbox.ts';

const day = 24 * 60 * 60 * 1000;

const storedRecord = z.object({ venue: venuePayload, token: z.string() });

export interface LocalCheckIn {
  id: string;
  citizenId: string;
  scannedAt: number;
  venue: VenuePayload;
  token: string;
}

export type CheckInStatus = 'pending' | 'synced';

type Row = { id: string; citizenId: string; scannedAt: number; record: unknown };

function fromRow(row: Row): LocalCheckIn | undefined {
  const record = storedRecord.safeParse(row.record);
  return record.success ? { id: row.id, citizenId: row.citizenId, scannedAt: row.scannedAt, ...record.data } : undefined;
}

export async function saveCheckIn(checkIn: LocalCheckIn): Promise<void> {
  const { id, citizenId, scannedAt, venue, token } = checkIn;
  const db = await walletDb();
  await db.put(storage.stores.checkIns, { id, citizenId, scannedAt, record: { venue, token } });
}

export async function readCheckIn(id: string): Promise<LocalCheckIn | undefined> {
  const db = await walletDb();
  const row = await db.get(storage.stores.checkIns, id);
  return row ? fromRow(row) : undefined;
}

/** The ids of this citizen's check-ins the outbox has not delivered yet (waiting or refused). */
export async function undeliveredIds(citizenId: string): Promise<Set<string>> {
  const { pending, rejected } = await readOutbox(citizenId);
  return new Set([...pending, ...rejected].map((item) => item.id));
}

/** The citizen's check-ins, newest first, after deleting every one past the retention period. */
export async function listCheckIns(citizenId: string, now: number): Promise<LocalCheckIn[]> {
  const db = await walletDb();
  const cutoff = now - checkInRetentionDays * day;
  const tx = db.transaction(storage.stores.checkIns, 'readwrite');
  let cursor = await tx.store.index('by-scanned').openCursor(IDBKeyRange.upperBound(cutoff, true));
  while (cursor) {
    await cursor.delete();
    cursor = await cursor.continue();
  }
  const rows = await tx.store.index('by-scanned').getAll();
  await tx.done;
  return rows
    .filter((row) => row.citizenId === citizenId)
    .map(fromRow)
    .filter((checkIn): checkIn is LocalCheckIn => checkIn !== undefined)
    .reverse();
}
