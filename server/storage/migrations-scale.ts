/**
 * Migrations for many citizens: 0017 indexes the photo hashes by band (storage/photo-bands.ts),
 * so that a reused-photo check fetches the candidates sharing a band instead of every hash stored.
 */
import { sql, type Kysely } from 'kysely';
import { bandColumn, bandCount, photoBands, type HashKind } from './photo-bands.ts';

/* The migrator hands migrations an untyped database: tables are being made, not read. */
type AnyDb = Kysely<unknown>;

const kinds: HashKind[] = ['scene', 'kit'];

/** Adds the band columns and an index on each, then fills them for the hashes already stored, a page at a time. */
export async function photoHashBands(db: AnyDb): Promise<void> {
  for (const kind of kinds) {
    for (let band = 0; band < bandCount; band += 1) {
      await db.schema.alterTable('antigen_photo_hashes').addColumn(bandColumn(kind, band), 'integer').execute();
    }
  }
  let after = { citizen: '', test: '' };
  for (;;) {
    const page = await sql<{ citizen_id: string; test_id: string; hash: string }>`
      SELECT citizen_id, test_id, hash FROM antigen_photo_hashes
      WHERE citizen_id > ${after.citizen} OR (citizen_id = ${after.citizen} AND test_id > ${after.test})
      ORDER BY citizen_id, test_id LIMIT 2000`.execute(db);
    for (const row of page.rows) {
      const bands = photoBands(row.hash);
      const sets = kinds.flatMap((kind) =>
        Array.from({ length: bandCount }, (_, band) => sql`${sql.ref(bandColumn(kind, band))} = ${(kind === 'scene' ? bands.scene : bands.kit)?.[band] ?? null}`),
      );
      await sql`UPDATE antigen_photo_hashes SET ${sql.join(sets)} WHERE citizen_id = ${row.citizen_id} AND test_id = ${row.test_id}`.execute(db);
    }
    const last = page.rows[page.rows.length - 1];
    if (!last || page.rows.length < 2000) break;
    after = { citizen: last.citizen_id, test: last.test_id };
  }
  // Indexes after the backfill: built once over the filled columns rather than updated row by row.
  for (const kind of kinds) {
    for (let band = 0; band < bandCount; band += 1) {
      await db.schema.createIndex(`antigen_photo_hashes_${bandColumn(kind, band)}`).on('antigen_photo_hashes').column(bandColumn(kind, band)).execute();
    }
  }
}
