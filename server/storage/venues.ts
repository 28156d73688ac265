import { randomInt } from 'node:crypto';
import type { Venue, VenueKind } from '../../core/contract.ts';
import type { Db } from './database.ts';

interface VenueRow {
  number: string;
  name: string;
  district: string;
  address: string;
  kind: VenueKind;
  token: string;
  created_at: string;
}

function toVenue(row: VenueRow): Venue {
  return {
    number: row.number,
    name: row.name,
    district: row.district,
    address: row.address,
    kind: row.kind,
    token: row.token,
    createdAt: row.created_at,
  };
}

export interface NewVenue {
  number: string;
  ownerId: string;
  name: string;
  district: string;
  address: string;
  kind: VenueKind;
  token: string;
  createdAt: string;
}

/** Registered venues: the owner's list, and a lookup by the number printed under the poster's QR. */
export function createVenueStore(db: Db) {
  const columns = 'number, name, district, address, kind, token, created_at';
  const byNumber = db.prepare<[string], VenueRow>(`SELECT ${columns} FROM venues WHERE number = ?`);
  const byOwner = db.prepare<[string], VenueRow>(`SELECT ${columns} FROM venues WHERE owner_id = ? ORDER BY created_at DESC, number`);
  const insert = db.prepare(
    `INSERT INTO venues (number, owner_id, name, district, address, kind, token, created_at)
     VALUES (@number, @ownerId, @name, @district, @address, @kind, @token, @createdAt)`,
  );

  return {
    /** A fresh 8-digit number no venue has yet; random so numbers say nothing about who registered when. */
    freeNumber(): string {
      for (;;) {
        const candidate = String(randomInt(10_000_000, 100_000_000));
        if (!byNumber.get(candidate)) return candidate;
      }
    },
    add(venue: NewVenue): Venue {
      insert.run(venue);
      const row = byNumber.get(venue.number);
      if (!row) throw new Error(`venue ${venue.number} vanished after insert`);
      return toVenue(row);
    },
    byNumber(number: string): Venue | undefined {
      const row = byNumber.get(number);
      return row ? toVenue(row) : undefined;
    },
    ownedBy(ownerId: string): Venue[] {
      return byOwner.all(ownerId).map(toVenue);
    },
  };
}

export type VenueStore = ReturnType<typeof createVenueStore>;
