/**
 * Devices paired as a venue's 数字哨兵, found by the hash of their pairing token, and the log of their
 * ID-number lookups. Revocation is a column here, read on every kiosk request: every node sees it at once.
 */
import type { Kysely } from 'kysely';
import type { Kiosk, KioskLicence } from '../../core/contract/kiosks.ts';
import type { VenueStatus } from '../../core/contract/venues.ts';
import type { Schema } from './schema.ts';

interface KioskRow {
  id: string;
  label: string;
  created_at: string;
  last_seen_at: string | null;
  revoked_at: string | null;
  licence: KioskLicence;
  typed_id_allowed: number;
}

function toKiosk(row: KioskRow): Kiosk {
  return {
    id: row.id,
    label: row.label,
    licence: row.licence,
    typedIdAllowed: row.typed_id_allowed === 1,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    revokedAt: row.revoked_at,
  };
}

/** A kiosk as an operator sees it (services/authority.ts), with its venue and owner and today's counts. */
export interface KioskForOperator extends Kiosk {
  licensedAt: string | null;
  venue: { number: string; name: string; district: string; address: string; status: VenueStatus; ownerId: string };
  counts: { lookupsToday: number; lookups: number; visitsToday: number };
}

/** One lookup as the kiosk log keeps it: whose it was (null for a number no one holds), never the number itself. */
export interface KioskLookup {
  kioskId: string;
  id: string;
  venueNumber: string;
  at: string;
  citizenId: string | null;
  outcome: 'pass' | 'fail' | 'unknown';
  source: 'document' | 'typed';
}

/** A kiosk with the venue it serves, as its token finds it. */
export interface KioskWithVenue {
  id: string;
  label: string;
  lastSeenAt: string | null;
  revokedAt: string | null;
  licence: KioskLicence;
  typedIdAllowed: boolean;
  venue: { number: string; name: string; district: string; address: string; ruleSetId: string; status: VenueStatus; ownerId: string };
}

/** Kiosks that count against a cap: asked for or licensed, and still paired. */
const holding: KioskLicence[] = ['requested', 'licensed'];

export function createKioskStore(db: Kysely<Schema>) {
  const columns = ['id', 'label', 'created_at', 'last_seen_at', 'revoked_at', 'licence', 'typed_id_allowed'] as const;
  const forOperator = () =>
    db
      .selectFrom('kiosks')
      .innerJoin('venues', 'venues.number', 'kiosks.venue_number')
      .select([
        'kiosks.id',
        'kiosks.label',
        'kiosks.created_at',
        'kiosks.last_seen_at',
        'kiosks.revoked_at',
        'kiosks.licence',
        'kiosks.typed_id_allowed',
        'kiosks.licensed_at',
        'venues.number',
        'venues.name',
        'venues.district',
        'venues.address',
        'venues.status',
        'venues.owner_id',
      ]);
  type OperatorRow = Awaited<ReturnType<ReturnType<typeof forOperator>['executeTakeFirstOrThrow']>>;
  /** Counts since `dayStart` (an ISO instant): the kiosk's lookups, and the venue's check-ins. */
  async function withCounts(rows: OperatorRow[], dayStart: string): Promise<KioskForOperator[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((row) => row.id);
    const numbers = [...new Set(rows.map((row) => row.number))];
    const [lookups, today, visits] = await Promise.all([
      db.selectFrom('kiosk_lookups').select((eb) => ['kiosk_id', eb.fn.countAll<number>().as('n')]).where('kiosk_id', 'in', ids).groupBy('kiosk_id').execute(),
      db
        .selectFrom('kiosk_lookups')
        .select((eb) => ['kiosk_id', eb.fn.countAll<number>().as('n')])
        .where('kiosk_id', 'in', ids)
        .where('at', '>=', dayStart)
        .groupBy('kiosk_id')
        .execute(),
      db
        .selectFrom('check_ins')
        .select((eb) => ['venue_number', eb.fn.countAll<number>().as('n')])
        .where('venue_number', 'in', numbers)
        .where('scanned_at', '>=', dayStart)
        .groupBy('venue_number')
        .execute(),
    ]);
    const count = <K extends string>(list: ({ n: number | string } & Record<K, string>)[], key: K, value: string) => Number(list.find((row) => row[key] === value)?.n ?? 0);
    return rows.map((row) => ({
      ...toKiosk(row),
      licensedAt: row.licensed_at,
      venue: { number: row.number, name: row.name, district: row.district, address: row.address, status: row.status, ownerId: row.owner_id },
      counts: { lookupsToday: count(today, 'kiosk_id', row.id), lookups: count(lookups, 'kiosk_id', row.id), visitsToday: count(visits, 'venue_number', row.number) },
    }));
  }
  return {
    async add(kiosk: { id: string; venueNumber: string; label: string; tokenHash: string; createdAt: string }): Promise<Kiosk> {
      const row = { id: kiosk.id, venue_number: kiosk.venueNumber, label: kiosk.label, token_hash: kiosk.tokenHash, created_at: kiosk.createdAt, last_seen_at: null, revoked_at: null };
      await db.insertInto('kiosks').values(row).execute();
      return toKiosk({ ...row, licence: 'requested', typed_id_allowed: 0 });
    },
    async ofVenue(venueNumber: string): Promise<Kiosk[]> {
      const rows = await db.selectFrom('kiosks').select(columns).where('venue_number', '=', venueNumber).orderBy('created_at', 'desc').orderBy('id').execute();
      return rows.map(toKiosk);
    },
    async byTokenHash(tokenHash: string): Promise<KioskWithVenue | undefined> {
      const row = await db
        .selectFrom('kiosks')
        .innerJoin('venues', 'venues.number', 'kiosks.venue_number')
        .select([
          'kiosks.id',
          'kiosks.label',
          'kiosks.last_seen_at',
          'kiosks.revoked_at',
          'kiosks.licence',
          'kiosks.typed_id_allowed',
          'venues.number',
          'venues.name',
          'venues.district',
          'venues.address',
          'venues.rule_set_id',
          'venues.status',
          'venues.owner_id',
        ])
        .where('kiosks.token_hash', '=', tokenHash)
        .executeTakeFirst();
      return (
        row && {
          id: row.id,
          label: row.label,
          lastSeenAt: row.last_seen_at,
          revokedAt: row.revoked_at,
          licence: row.licence,
          typedIdAllowed: row.typed_id_allowed === 1,
          venue: { number: row.number, name: row.name, district: row.district, address: row.address, ruleSetId: row.rule_set_id, status: row.status, ownerId: row.owner_id },
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
    /** Lookups go when the check-ins of the same days do: a lookup says where a person was, as a check-in does. */
    async deleteLookupsBefore(cutoff: string): Promise<void> {
      await db.deleteFrom('kiosk_lookups').where('at', '<', cutoff).execute();
    },
    async logLookup(lookup: KioskLookup): Promise<void> {
      await db
        .insertInto('kiosk_lookups')
        .values({
          kiosk_id: lookup.kioskId,
          id: lookup.id,
          venue_number: lookup.venueNumber,
          at: lookup.at,
          citizen_id: lookup.citizenId,
          outcome: lookup.outcome,
          source: lookup.source,
        })
        // One lookup id, one row: the same lookup retried or reaching two nodes at once is logged once.
        .onConflict((conflict) => conflict.columns(['kiosk_id', 'id']).doNothing())
        .execute();
    },
    async lookupOf(kioskId: string, id: string): Promise<{ at: string; citizenId: string | null; outcome: string; source: string | null; confirmedAt: string | null } | undefined> {
      const row = await db
        .selectFrom('kiosk_lookups')
        .select(['at', 'citizen_id', 'outcome', 'source', 'confirmed_at'])
        .where('kiosk_id', '=', kioskId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row && { at: row.at, citizenId: row.citizen_id, outcome: row.outcome, source: row.source, confirmedAt: row.confirmed_at };
    },
    /** Marks a typed lookup confirmed, once: false when it already was. */
    async confirmLookup(kioskId: string, id: string, at: string): Promise<boolean> {
      const result = await db
        .updateTable('kiosk_lookups')
        .set({ confirmed_at: at })
        .where('kiosk_id', '=', kioskId)
        .where('id', '=', id)
        .where('confirmed_at', 'is', null)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
    /** Kiosks holding or asking for a licence, at one venue or of one owner: what the caps count. */
    async holdingAt(venueNumber: string, licences: readonly KioskLicence[] = holding): Promise<number> {
      const row = await db
        .selectFrom('kiosks')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('venue_number', '=', venueNumber)
        .where('licence', 'in', [...licences])
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return row?.n ?? 0;
    },
    async holdingOf(ownerId: string, licences: readonly KioskLicence[] = holding): Promise<number> {
      const row = await db
        .selectFrom('kiosks')
        .innerJoin('venues', 'venues.number', 'kiosks.venue_number')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('venues.owner_id', '=', ownerId)
        .where('kiosks.licence', 'in', [...licences])
        .where('kiosks.revoked_at', 'is', null)
        .executeTakeFirst();
      return row?.n ?? 0;
    },
    async forOperator(district: string | undefined, dayStart: string): Promise<KioskForOperator[]> {
      let query = forOperator();
      if (district !== undefined) query = query.where('venues.district', '=', district);
      return withCounts(await query.orderBy('kiosks.created_at', 'desc').orderBy('kiosks.id').limit(500).execute(), dayStart);
    },
    async oneForOperator(kioskId: string, dayStart: string): Promise<KioskForOperator | undefined> {
      const [row] = await withCounts(await forOperator().where('kiosks.id', '=', kioskId).execute(), dayStart);
      return row;
    },
    async setLicence(kioskId: string, licence: KioskLicence, at: string): Promise<void> {
      await db
        .updateTable('kiosks')
        .set(licence === 'licensed' ? { licence, licensed_at: at } : { licence })
        .where('id', '=', kioskId)
        .execute();
    },
    async setTypedId(kioskId: string, allowed: boolean): Promise<void> {
      await db.updateTable('kiosks').set({ typed_id_allowed: allowed ? 1 : 0 }).where('id', '=', kioskId).execute();
    },
    /** Suspends every licensed or requested kiosk of a venue (its approval was withdrawn); gives their ids. */
    async suspendAllAt(venueNumber: string): Promise<string[]> {
      const rows = await db.selectFrom('kiosks').select('id').where('venue_number', '=', venueNumber).where('licence', 'in', holding).execute();
      if (rows.length > 0) await db.updateTable('kiosks').set({ licence: 'suspended' }).where('venue_number', '=', venueNumber).where('licence', 'in', holding).execute();
      return rows.map((row) => row.id);
    },
  };
}

export type KioskStore = ReturnType<typeof createKioskStore>;
