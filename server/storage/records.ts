import type { AntigenTest, ItineraryStop, PcrTest, Vaccination } from '../../core/contract.ts';
import type { Db } from './database.ts';

interface PcrRow {
  id: string;
  sampled_at: string;
  reported_at: string | null;
  result: PcrTest['result'];
  institution: string;
}
interface AntigenRow {
  id: string;
  tested_at: string;
  result: AntigenTest['result'];
  kit: string;
  lot: string;
}
interface ItineraryRow {
  id: string;
  city: string;
  date: string;
  risk: 0 | 1;
}

/** The four kinds of health record, each read newest first and written idempotently by id. */
export function createRecordStore(db: Db) {
  const vaccinations = db.prepare<[string], Vaccination>(
    'SELECT id, dose, date, manufacturer, site FROM vaccinations WHERE citizen_id = ? ORDER BY dose DESC',
  );
  const pcr = db.prepare<[string], PcrRow>(
    'SELECT id, sampled_at, reported_at, result, institution FROM pcr_tests WHERE citizen_id = ? ORDER BY sampled_at DESC',
  );
  const antigen = db.prepare<[string], AntigenRow>(
    'SELECT id, tested_at, result, kit, lot FROM antigen_tests WHERE citizen_id = ? ORDER BY tested_at DESC',
  );
  const itinerary = db.prepare<[string], ItineraryRow>(
    'SELECT id, city, date, risk FROM itinerary_stops WHERE citizen_id = ? ORDER BY date DESC, id',
  );
  const upsertVaccination = db.prepare(
    `INSERT INTO vaccinations (id, citizen_id, dose, date, manufacturer, site) VALUES (@id, @citizenId, @dose, @date, @manufacturer, @site)
     ON CONFLICT(id) DO UPDATE SET date = excluded.date`,
  );
  const upsertPcr = db.prepare(
    `INSERT INTO pcr_tests (id, citizen_id, sampled_at, reported_at, result, institution)
     VALUES (@id, @citizenId, @sampledAt, @reportedAt, @result, @institution)
     ON CONFLICT(id) DO UPDATE SET sampled_at = excluded.sampled_at, reported_at = excluded.reported_at`,
  );
  const upsertAntigen = db.prepare(
    `INSERT INTO antigen_tests (id, citizen_id, tested_at, result, kit, lot, created_at)
     VALUES (@id, @citizenId, @testedAt, @result, @kit, @lot, @createdAt)
     ON CONFLICT(id) DO UPDATE SET tested_at = excluded.tested_at`,
  );
  const upsertStop = db.prepare(
    `INSERT INTO itinerary_stops (id, citizen_id, city, date, risk) VALUES (@id, @citizenId, @city, @date, @risk)
     ON CONFLICT(id) DO UPDATE SET date = excluded.date`,
  );

  return {
    vaccinations: (citizenId: string): Vaccination[] => vaccinations.all(citizenId),
    pcrTests: (citizenId: string): PcrTest[] =>
      pcr.all(citizenId).map((row) => ({
        id: row.id,
        sampledAt: row.sampled_at,
        reportedAt: row.reported_at,
        result: row.result,
        institution: row.institution,
      })),
    antigenTests: (citizenId: string): AntigenTest[] =>
      antigen.all(citizenId).map((row) => ({
        id: row.id,
        testedAt: row.tested_at,
        result: row.result,
        kit: row.kit,
        lot: row.lot,
      })),
    itinerary: (citizenId: string): ItineraryStop[] =>
      itinerary.all(citizenId).map((row) => ({ id: row.id, city: row.city, date: row.date, risk: row.risk === 1 })),
    putVaccination: (citizenId: string, record: Vaccination) => upsertVaccination.run({ ...record, citizenId }),
    putPcrTest: (citizenId: string, record: PcrTest) => upsertPcr.run({ ...record, citizenId }),
    putAntigenTest: (citizenId: string, record: AntigenTest, createdAt: string) =>
      upsertAntigen.run({ ...record, citizenId, createdAt }),
    putItineraryStop: (citizenId: string, stop: ItineraryStop) =>
      upsertStop.run({ ...stop, citizenId, risk: stop.risk ? 1 : 0 }),
  };
}

export type RecordStore = ReturnType<typeof createRecordStore>;
