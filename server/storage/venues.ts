import type { Kysely } from 'kysely';
import type { Venue } from '../../core/contract/venues.ts';
import type { Schema, VenuesTable } from './schema.ts';

type VenueRow = Omit<VenuesTable, 'owner_id' | 'rule_set_id'> & { rule_set_id: string };

function toVenue(row: VenueRow): Venue {
  return {
    number: row.number,
    name: row.name,
    district: row.district,
    address: row.address,
    kind: row.kind,
    token: row.token,
    createdAt: row.created_at,
    ruleSetId: row.rule_set_id,
  };
}

export interface NewVenue extends Omit<Venue, 'createdAt'> {
  ownerId: string;
  createdAt: string;
}

/** Registered venues: the owner's list, and a lookup by the number printed under the poster's QR. */
export function createVenueStore(db: Kysely<Schema>) {
  const venues = () => db.selectFrom('venues').select(['number', 'name', 'district', 'address', 'kind', 'token', 'created_at', 'rule_set_id']);
  return {
    /** Adds the venue; false when its number is taken (a concurrent registration drew the same one). */
    async add(venue: NewVenue): Promise<boolean> {
      const row = await db
        .insertInto('venues')
        .values({
          number: venue.number,
          owner_id: venue.ownerId,
          name: venue.name,
          district: venue.district,
          address: venue.address,
          kind: venue.kind,
          token: venue.token,
          created_at: venue.createdAt,
          rule_set_id: venue.ruleSetId,
        })
        .onConflict((conflict) => conflict.column('number').doNothing())
        .returning('number')
        .executeTakeFirst();
      return row !== undefined;
    },
    async byNumber(number: string): Promise<Venue | undefined> {
      const row = await venues().where('number', '=', number).executeTakeFirst();
      return row && toVenue(row);
    },
    /** Every venue's number and what its code says, for signing them all again after a key rotation. */
    all: () => db.selectFrom('venues').select(['number', 'name', 'district', 'address']).orderBy('number').execute(),
    async setToken(number: string, token: string): Promise<void> {
      await db.updateTable('venues').set({ token }).where('number', '=', number).execute();
    },
    /** The venue when `ownerId` owns it, else undefined: a venue of someone else's is not told apart from none. */
    async ownedVenue(ownerId: string, number: string): Promise<Venue | undefined> {
      const row = await venues().where('number', '=', number).where('owner_id', '=', ownerId).executeTakeFirst();
      return row && toVenue(row);
    },
    async setRuleSet(number: string, ruleSetId: string): Promise<void> {
      await db.updateTable('venues').set({ rule_set_id: ruleSetId }).where('number', '=', number).execute();
    },
    async ownedBy(ownerId: string): Promise<Venue[]> {
      const rows = await venues().where('owner_id', '=', ownerId).orderBy('created_at', 'desc').orderBy('number').execute();
      return rows.map(toVenue);
    },
  };
}

export type VenueStore = ReturnType<typeof createVenueStore>;
