/**
 * Devices paired as a venue's 数字哨兵, found by the hash of their pairing token, and the log of their
 * ID-number lookups. Revocation is a column here, read on every kiosk request: every node sees it at once.
 */
import type { Kysely } from 'kysely';
import type { Kiosk } from '../../core/contract/kiosks.ts';
import type { KiosksTable, Schema } from './schema.ts';

function toKiosk(row: Pick<KiosksTable, 'id' | 'label' | 'created_at' | 'last_seen_at' | 'revoked_at'>): Kiosk {
  return { id: row.id, label: row.label, createdAt: row.created_at, lastSeenAt: row.last_seen_at, revokedAt: row.revoked_at };
}

/** One lookup as the kiosk log keeps it: whose it was (null for a number no one holds), never the number itself. */
export interface KioskLookup {
  kioskId: string;
  id: string;
  venueNumber: string;
  at: string;
  citizenId: string | null;
  outcome: 'pass' | 'fail' | 'unknown';
}

/** A kiosk with the venue it serves, as its token finds it. */
export interface KioskWithVenue {
  id: string;
  label: string;
  lastSeenAt: string | null;
  revokedAt: string | null;
  venue: { number: string; name: string; district: string; address: string; ruleSetId: string };
}

export function createKioskStore(db: Kysely<Schema>) {
  const columns = ['id', 'label', 'created_at', 'last_seen_at', 'revoked_at'] as const;
  return {
    async add(kiosk: { id: string; venueNumber: string; label: string; tokenHash: string; createdAt: string }): Promise<Kiosk> {
      const row = { id: kiosk.id, venue_number: kiosk.venueNumber, label: kiosk.label, token_hash: kiosk.tokenHash, created_at: kiosk.createdAt, last_seen_at: null, revoked_at: null };
      await db.insertInto('kiosks').values(row).execute();
      return toKiosk(row);
    },
    async ofVenue(venueNumber: string): Promise<Kiosk[]> {
      const rows = await db.selectFrom('kiosks').select(columns).where('venue_number', '=', venueNumber).orderBy('created_at', 'desc').orderBy('id').execute();
      return rows.map(toKiosk);
    },
    async byTokenHash(tokenHash: string): Promise<KioskWithVenue | undefined> {
      const row = await db
        .selectFrom('kiosks')
        .innerJoin('venues', 'venues.number', 'kiosks.venue_number')
        .select(['kiosks.id', 'kiosks.label', 'kiosks.last_seen_at', 'kiosks.revoked_at', 'venues.number', 'venues.name', 'venues.district', 'venues.address', 'venues.rule_set_id'])
        .where('kiosks.token_hash', '=', tokenHash)
        .executeTakeFirst();
      return (
        row && {
          id: row.id,
          label: row.label,
          lastSeenAt: row.last_seen_at,
          revokedAt: row.revoked_at,
          venue: { number: row.number, name: row.name, district: row.district, address: row.address, ruleSetId: row.rule_set_id },
        }
      );
    },
    /** Marks the venue's kiosk revoked (once: a second call keeps the first time); false when the venue has no such kiosk. */
    async revoke(venueNumber: string, kioskId: string, at: string): Promise<boolean> {
      const found = await db.selectFrom('kiosks').select('id').where('venue_number', '=', venueNumber).where('id', '=', kioskId).executeTakeFirst();
      if (!found) return false;
      await db.updateTable('kiosks').set({ revoked_at: at }).where('id', '=', kioskId).where('revoked_at', 'is', null).execute();
      return true;
    },
    async touch(kioskId: string, at: string): Promise<void> {
      await db.updateTable('kiosks').set({ last_seen_at: at }).where('id', '=', kioskId).execute();
    },
    /** Lookups go when the check-ins of the same days do (issue 22: they were kept for ever). */
    async deleteLookupsBefore(cutoff: string): Promise<void> {
      await db.deleteFrom('kiosk_lookups').where('at', '<', cutoff).execute();
    },
    async logLookup(lookup: KioskLookup): Promise<void> {
      await db
        .insertInto('kiosk_lookups')
        .values({ kiosk_id: lookup.kioskId, id: lookup.id, venue_number: lookup.venueNumber, at: lookup.at, citizen_id: lookup.citizenId, outcome: lookup.outcome })
        .execute();
    },
  };
}

export type KioskStore = ReturnType<typeof createKioskStore>;
