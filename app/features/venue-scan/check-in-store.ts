/**
 * Check-ins on this device, written before anything is sent: a scan is never lost to a missing
 * network or a closed tab. Each carries the client-made id the server keys it by, and is `pending`
 * until the server has confirmed it. Entries older than the retention period are deleted on read.
 */
import * as z from 'zod/mini';
import { checkInRetentionDays, venuePayload, type VenuePayload } from '../../api/contract.ts';
import { storage, walletDb } from '../../offline/db.ts';

const day = 24 * 60 * 60 * 1000;

const storedRecord = z.object({
  venue: venuePayload,
  token: z.string(),
  status: z.enum(['pending', 'synced']),
  receivedAt: z.nullable(z.number()),
});

export interface LocalCheckIn {
  id: string;
  citizenId: string;
  scannedAt: number;
  venue: VenuePayload;
  token: string;
  status: 'pending' | 'synced';
  receivedAt: number | null;
}

type Row = { id: string; citizenId: string; scannedAt: number; record: unknown };

function fromRow(row: Row): LocalCheckIn | undefined {
  const record = storedRecord.safeParse(row.record);
  return record.success ? { id: row.id, citizenId: row.citizenId, scannedAt: row.scannedAt, ...record.data } : undefined;
}

function toRow(checkIn: LocalCheckIn): Row {
  const { id, citizenId, scannedAt, venue, token, status, receivedAt } = checkIn;
  return { id, citizenId, scannedAt, record: { venue, token, status, receivedAt } };
}

export async function saveCheckIn(checkIn: LocalCheckIn): Promise<void> {
  const db = await walletDb();
  await db.put(storage.stores.checkIns, toRow(checkIn));
}

export async function readCheckIn(id: string): Promise<LocalCheckIn | undefined> {
  const db = await walletDb();
  const row = await db.get(storage.stores.checkIns, id);
  return row ? fromRow(row) : undefined;
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

export async function markSynced(id: string, receivedAt: number): Promise<void> {
  const existing = await readCheckIn(id);
  if (existing) await saveCheckIn({ ...existing, status: 'synced', receivedAt });
}
