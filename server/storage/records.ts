import type { Insertable, Kysely } from 'kysely';
import type { AntigenTest } from '../../core/contract/antigen.ts';
import type { ItineraryStop, PcrTest, Vaccination } from '../../core/contract/records.ts';
import type { Schema } from './schema.ts';

const pcrRow = (citizenId: string, record: PcrTest) => ({
  citizen_id: citizenId,
  id: record.id,
  sampled_at: record.sampledAt,
  reported_at: record.reportedAt,
  result: record.result,
  institution: record.institution,
});

const antigenRow = (citizenId: string, record: AntigenTest, createdAt: string) => ({
  citizen_id: citizenId,
  id: record.id,
  tested_at: record.testedAt,
  result: record.result,
  kit: record.kit,
  lot: record.lot,
  trust: record.trust,
  created_at: createdAt,
});

/** A stored antigen result as the API serves it; a reviewer's decision only once there is one. */
export function antigenTestFromRow(row: {
  id: string;
  tested_at: string;
  result: AntigenTest['result'];
  kit: string;
  lot: string;
  trust: AntigenTest['trust'];
  review_decision: 'confirmed' | 'rejected' | null;
  review_note: string | null;
  reviewed_at: string | null;
}): AntigenTest {
  const test: AntigenTest = { id: row.id, testedAt: row.tested_at, result: row.result, kit: row.kit, lot: row.lot, trust: row.trust };
  if (row.review_decision && row.reviewed_at) {
    test.review = { decision: row.review_decision, at: row.reviewed_at, ...(row.review_note ? { note: row.review_note } : {}) };
  }
  return test;
}

const itineraryRow = (citizenId: string, stop: ItineraryStop) => ({ citizen_id: citizenId, id: stop.id, city: stop.city, date: stop.date, risk: stop.risk ? 1 : 0 });

/** The four kinds of health record, each read newest first and written idempotently by (citizen, id). */
export function createRecordStore(db: Kysely<Schema>) {
  return {
    vaccinations: (citizenId: string): Promise<Vaccination[]> =>
      db
        .selectFrom('vaccinations')
        .select(['id', 'dose', 'date', 'manufacturer', 'site'])
        .where('citizen_id', '=', citizenId)
        .orderBy('dose', 'desc')
        .execute(),
    async pcrTests(citizenId: string): Promise<PcrTest[]> {
      const rows = await db
        .selectFrom('pcr_tests')
        .select(['id', 'sampled_at', 'reported_at', 'result', 'institution'])
        .where('citizen_id', '=', citizenId)
        .orderBy('sampled_at', 'desc')
        .execute();
      return rows.map((row) => ({
        id: row.id,
        sampledAt: row.sampled_at,
        reportedAt: row.reported_at,
        result: row.result,
        institution: row.institution,
      }));
    },
    async antigenTests(citizenId: string): Promise<AntigenTest[]> {
      const rows = await db
        .selectFrom('antigen_tests')
        .select(['id', 'tested_at', 'result', 'kit', 'lot', 'trust', 'review_decision', 'review_note', 'reviewed_at'])
        .where('citizen_id', '=', citizenId)
        .orderBy('tested_at', 'desc')
        .execute();
      return rows.map(antigenTestFromRow);
    },
    async itinerary(citizenId: string): Promise<ItineraryStop[]> {
      const rows = await db
        .selectFrom('itinerary_stops')
        .select(['id', 'city', 'date', 'risk'])
        .where('citizen_id', '=', citizenId)
        .orderBy('date', 'desc')
        .orderBy('id')
        .execute();
      return rows.map((row) => ({ id: row.id, city: row.city, date: row.date, risk: row.risk === 1 }));
    },
    async putVaccination(citizenId: string, record: Vaccination): Promise<void> {
      await db
        .insertInto('vaccinations')
        .values({ ...record, citizen_id: citizenId })
        .onConflict((conflict) => conflict.columns(['citizen_id', 'id']).doUpdateSet((eb) => ({ date: eb.ref('excluded.date') })))
        .execute();
    },
    async putPcrTest(citizenId: string, record: PcrTest): Promise<void> {
      await db
        .insertInto('pcr_tests')
        .values(pcrRow(citizenId, record))
        .onConflict((conflict) =>
          conflict
            .columns(['citizen_id', 'id'])
            .doUpdateSet((eb) => ({ sampled_at: eb.ref('excluded.sampled_at'), reported_at: eb.ref('excluded.reported_at') })),
        )
        .execute();
    },
    async putAntigenTest(citizenId: string, record: AntigenTest, createdAt: string): Promise<void> {
      await db
        .insertInto('antigen_tests')
        .values(antigenRow(citizenId, record, createdAt))
        .onConflict((conflict) => conflict.columns(['citizen_id', 'id']).doUpdateSet((eb) => ({ tested_at: eb.ref('excluded.tested_at') })))
        .execute();
    },
    async putItineraryStop(citizenId: string, stop: ItineraryStop): Promise<void> {
      await db
        .insertInto('itinerary_stops')
        .values(itineraryRow(citizenId, stop))
        .onConflict((conflict) => conflict.columns(['citizen_id', 'id']).doUpdateSet((eb) => ({ date: eb.ref('excluded.date') })))
        .execute();
    },
  };
}

export type RecordStore = ReturnType<typeof createRecordStore>;

/** A record as a provider's feed writes it: which kind, whose, and what (services/feeds.ts makes these). */
export type FeedRecord =
  | { kind: 'pcr'; citizenId: string; record: PcrTest }
  | { kind: 'antigen'; citizenId: string; record: AntigenTest; createdAt: string }
  | { kind: 'vaccination'; citizenId: string; record: Vaccination }
  | { kind: 'itinerary'; citizenId: string; record: ItineraryStop };
export type FeedRecordKind = FeedRecord['kind'];

const feedRecordTables = { pcr: 'pcr_tests', antigen: 'antigen_tests', vaccination: 'vaccinations', itinerary: 'itinerary_stops' } as const;

function only<K extends FeedRecordKind>(records: readonly FeedRecord[], kind: K): Extract<FeedRecord, { kind: K }>[] {
  return records.filter((record): record is Extract<FeedRecord, { kind: K }> => record.kind === kind);
}

/**
 * Writes from providers' feeds, a batch at a time. A correction removes the old row and inserts the new
 * one (the record may even have moved to another citizen), so a batch is a delete and an insert per table.
 */
export function createFeedRecordWriter(db: Kysely<Schema>) {
  async function insert<T extends keyof Schema>(table: T, rows: readonly Insertable<Schema[T]>[]): Promise<void> {
    if (rows.length > 0) await db.insertInto(table).values(rows).execute();
  }
  return {
    async insert(records: readonly FeedRecord[]): Promise<void> {
      await insert('pcr_tests', only(records, 'pcr').map(({ citizenId, record }) => pcrRow(citizenId, record)));
      await insert('antigen_tests', only(records, 'antigen').map(({ citizenId, record, createdAt }) => antigenRow(citizenId, record, createdAt)));
      await insert('vaccinations', only(records, 'vaccination').map(({ citizenId, record }) => ({ ...record, citizen_id: citizenId })));
      await insert('itinerary_stops', only(records, 'itinerary').map(({ citizenId, record }) => itineraryRow(citizenId, record)));
    },
    async remove(kind: FeedRecordKind, keys: readonly { citizenId: string; id: string }[]): Promise<void> {
      if (keys.length === 0) return;
      await db
        .deleteFrom(feedRecordTables[kind])
        .where((eb) => eb.or(keys.map((key) => eb.and([eb('citizen_id', '=', key.citizenId), eb('id', '=', key.id)]))))
        .execute();
    },
  };
}

export type FeedRecordWriter = ReturnType<typeof createFeedRecordWriter>;
