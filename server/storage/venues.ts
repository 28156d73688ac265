import type { Kysely } from 'kysely';
import type { OwnedVenue, Venue, VenueStatus } from '../../core/contract/venues.ts';
import type { Schema, VenuesTable } from './schema.ts';

type VenueRow = Omit<VenuesTable, 'owner_id' | 'rule_set_id' | 'status' | 'reviewed_by' | 'reviewed_at' | 'review_note'> & { rule_set_id: string; status: VenueStatus };

/** A venue as an operator reviews it (services/authority.ts): with its owner and the review's state. */
export interface VenueForReview extends Venue {
  ownerId: string;
  ownerName: string;
  ownerPhone: string | null;
  reviewedBy: string | null;
  reviewedAt: string | null;
  note: string | null;
  kioskCount: number;
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
    ruleSetId: row.rule_set_id,
    status: row.status,
    verified: row.status === 'approved',
  };
}

export interface NewVenue extends Omit<Venue, 'createdAt' | 'status' | 'verified'> {
  ownerId: string;
  createdAt: string;
}

/** Registered venues: the owner's list, and a lookup by the number printed under the poster's QR. */
export function createVenueStore(db: Kysely<Schema>) {
  const venues = () => db.selectFrom('venues').select(['number', 'name', 'district', 'address', 'kind', 'token', 'created_at', 'rule_set_id', 'status']);
  const forReview = () =>
    db
      .selectFrom('venues')
      .innerJoin('citizens', 'citizens.id', 'venues.owner_id')
      .select((eb) => [
        'venues.number',
        'venues.name',
        'venues.district',
        'venues.address',
        'venues.kind',
        'venues.token',
        'venues.created_at',
        'venues.rule_set_id',
        'venues.status',
        'venues.owner_id',
        'venues.reviewed_by',
        'venues.reviewed_at',
        'venues.review_note',
        'citizens.name as owner_name',
        'citizens.phone as owner_phone',
        eb
          .selectFrom('kiosks')
          .select((k) => k.fn.countAll<number>().as('n'))
          .whereRef('kiosks.venue_number', '=', 'venues.number')
          .where('kiosks.licence', 'in', ['requested', 'licensed'])
          .where('kiosks.revoked_at', 'is', null)
          .as('kiosk_count'),
      ]);
  type ReviewRow = Awaited<ReturnType<ReturnType<typeof forReview>['executeTakeFirstOrThrow']>>;
  const toReview = (row: ReviewRow): VenueForReview => ({
    ...toVenue(row),
    ownerId: row.owner_id,
    ownerName: row.owner_name,
    ownerPhone: row.owner_phone,
    reviewedBy: row.reviewed_by,
    reviewedAt: row.reviewed_at,
    note: row.review_note,
    kioskCount: row.kiosk_count ?? 0,
  });
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
    /** Venues in a status, in one district or (district undefined) all, oldest first: the review queue. */
    async forReview(status: VenueStatus, district: string | undefined, limit: number): Promise<VenueForReview[]> {
      let query = forReview().where('venues.status', '=', status);
      if (district !== undefined) query = query.where('venues.district', '=', district);
      return (await query.orderBy('venues.created_at').orderBy('venues.number').limit(limit).execute()).map(toReview);
    },
    async oneForReview(number: string): Promise<VenueForReview | undefined> {
      const row = await forReview().where('venues.number', '=', number).executeTakeFirst();
      return row && toReview(row);
    },
    async setStatus(number: string, review: { status: VenueStatus; by: string; at: string; note: string | null }): Promise<void> {
      await db
        .updateTable('venues')
        .set({ status: review.status, reviewed_by: review.by, reviewed_at: review.at, review_note: review.note })
        .where('number', '=', number)
        .execute();
    },
    /** The owner's venues, newest first, each refused one with the operator's reason: theirs to read, no one else's. */
    async ownedBy(ownerId: string): Promise<OwnedVenue[]> {
      const rows = await venues().select('review_note').where('owner_id', '=', ownerId).orderBy('created_at', 'desc').orderBy('number').execute();
      return rows.map((row) => ({ ...toVenue(row), ...(row.status === 'refused' && row.review_note ? { refusalReason: row.review_note } : {}) }));
    },
  };
}

export type VenueStore = ReturnType<typeof createVenueStore>;
