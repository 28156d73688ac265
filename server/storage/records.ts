import type { Kysely } from 'kysely';
import type { AntigenTest, ItineraryStop, PcrTest, Vaccination } from '../../core/contract.ts';
import type { Schema } from './schema.ts';

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
        .select(['id', 'tested_at', 'result', 'kit', 'lot'])
        .where('citizen_id', '=', citizenId)
        .orderBy('tested_at', 'desc')
        .execute();
      return rows.map((row) => ({ id: row.id, testedAt: row.tested_at, result: row.result, kit: row.kit, lot: row.lot }));
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
        .values({
          citizen_id: citizenId,
          id: record.id,
          sampled_at: record.sampledAt,
          reported_at: record.reportedAt,
          result: record.result,
          institution: record.institution,
        })
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
        .values({
          citizen_id: citizenId,
          id: record.id,
          tested_at: record.testedAt,
          result: record.result,
          kit: record.kit,
          lot: record.lot,
          created_at: createdAt,
        })
        .onConflict((conflict) => conflict.columns(['citizen_id', 'id']).doUpdateSet((eb) => ({ tested_at: eb.ref('excluded.tested_at') })))
        .execute();
    },
    async putItineraryStop(citizenId: string, stop: ItineraryStop): Promise<void> {
      await db
        .insertInto('itinerary_stops')
        .values({ citizen_id: citizenId, id: stop.id, city: stop.city, date: stop.date, risk: stop.risk ? 1 : 0 })
        .onConflict((conflict) => conflict.columns(['citizen_id', 'id']).doUpdateSet((eb) => ({ date: eb.ref('excluded.date') })))
        .execute();
    },
  };
}

export type RecordStore = ReturnType<typeof createRecordStore>;
