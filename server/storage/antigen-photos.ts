import { sql, type Kysely } from 'kysely';
import type { Engine } from './database.ts';
import { bandColumn, bandCount, bandProbes, photoBands } from './photo-bands.ts';
import type { Schema } from './schema.ts';

export interface AntigenPhoto {
  citizenId: string;
  testId: string;
  contentType: string;
  width: number;
  height: number;
  bytes: Buffer;
}

/**
 * Cassette photos of antigen self-tests, one per test, as the JPEG bytes the device sent, and their
 * perceptual hashes, kept for the retention period so that a photo sent again is recognised.
 */
export function createAntigenPhotoStore(db: Kysely<Schema>, engine: Engine) {
  return {
    async put(photo: AntigenPhoto): Promise<void> {
      await db
        .insertInto('antigen_photos')
        .values({
          citizen_id: photo.citizenId,
          test_id: photo.testId,
          content_type: photo.contentType,
          width: photo.width,
          height: photo.height,
          bytes: photo.bytes,
        })
        .execute();
    },
    /** Deletes the photos of tests uploaded before `cutoff` (ISO instant); the results themselves stay. */
    async deleteUploadedBefore(cutoff: string): Promise<void> {
      await db
        .deleteFrom('antigen_photos')
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('antigen_tests')
              .select('antigen_tests.id')
              .whereRef('antigen_tests.citizen_id', '=', 'antigen_photos.citizen_id')
              .whereRef('antigen_tests.id', '=', 'antigen_photos.test_id')
              .where('antigen_tests.created_at', '<', cutoff),
          ),
        )
        .execute();
    },
    /** The hashes and the print (photo-match.ts; null when no cassette was found) of a photo, kept and deleted together. */
    async putHash(hash: { citizenId: string; testId: string; hash: string; print: string | null; createdAt: string }): Promise<void> {
      await db
        .insertInto('antigen_photo_hashes')
        .values({ citizen_id: hash.citizenId, test_id: hash.testId, hash: hash.hash, print: hash.print, created_at: hash.createdAt, ...bandValues(hash.hash) })
        .execute();
    },
    /** The prints of a few candidate photos, by photoKey; a photo stored before prints were kept has none. */
    async printsOf(keys: readonly { citizenId: string; testId: string }[]): Promise<Map<string, string | null>> {
      if (keys.length === 0) return new Map();
      const rows = await db
        .selectFrom('antigen_photo_hashes')
        .select(['citizen_id', 'test_id', 'print'])
        .where((eb) => eb.or(keys.map((key) => eb.and([eb('citizen_id', '=', key.citizenId), eb('test_id', '=', key.testId)]))))
        .execute();
      return new Map(rows.map((row) => [photoKey({ citizenId: row.citizen_id, testId: row.test_id }), row.print]));
    },
    /**
     * The stored hashes that may be within `radius` bits of this one (scene or kit): those sharing a band
     * within the band's radius (storage/photo-bands.ts), found through the bands' indexes. A superset of
     * the hashes within the radius, never all of them; the caller measures the true distances.
     */
    async candidatesNear(hash: string, radius: { scene: number; kit: number }): Promise<{ citizenId: string; testId: string; hash: string }[]> {
      const probes = bandProbes(hash, radius);
      if (probes.length === 0) return [];
      // One statement, the bands ORed: each term can use its own index (SQLite's multi-index OR, PostgreSQL's BitmapOr).
      const terms = probes.map((probe) =>
        engine === 'postgres'
          ? sql`${sql.ref(probe.column)} = ANY(${probe.values}::integer[])`
          : sql`${sql.ref(probe.column)} IN (SELECT value FROM json_each(${JSON.stringify(probe.values)}))`,
      );
      const rows = await sql<{ citizen_id: string; test_id: string; hash: string }>`
        SELECT citizen_id, test_id, hash FROM antigen_photo_hashes WHERE ${sql.join(terms, sql` OR `)}`.execute(db);
      return rows.rows.map((row) => ({ citizenId: row.citizen_id, testId: row.test_id, hash: row.hash }));
    },
    /** Every hash still kept, in pages: for tools that must see them all (the check uses candidatesNear). */
    async *hashes(pageSize = 5000): AsyncGenerator<{ citizenId: string; testId: string; hash: string }[]> {
      let after = '';
      let afterTest = '';
      for (;;) {
        const rows = await db
          .selectFrom('antigen_photo_hashes')
          .select(['citizen_id', 'test_id', 'hash'])
          .where((eb) => eb.or([eb('citizen_id', '>', after), eb.and([eb('citizen_id', '=', after), eb('test_id', '>', afterTest)])]))
          .orderBy('citizen_id')
          .orderBy('test_id')
          .limit(pageSize)
          .execute();
        if (rows.length === 0) return;
        yield rows.map((row) => ({ citizenId: row.citizen_id, testId: row.test_id, hash: row.hash }));
        const last = rows[rows.length - 1];
        if (!last || rows.length < pageSize) return;
        after = last.citizen_id;
        afterTest = last.test_id;
      }
    },
    async deleteHashesBefore(cutoff: string): Promise<void> {
      await db.deleteFrom('antigen_photo_hashes').where('created_at', '<', cutoff).execute();
    },
  };
}

/** The band columns of a hash, as stored beside it. */
function bandValues(hash: string): Partial<Record<ReturnType<typeof bandColumn>, number | null>> {
  const bands = photoBands(hash);
  const values: Partial<Record<ReturnType<typeof bandColumn>, number | null>> = {};
  for (let band = 0; band < bandCount; band += 1) {
    values[bandColumn('scene', band)] = bands.scene[band] ?? null;
    values[bandColumn('kit', band)] = bands.kit?.[band] ?? null;
  }
  return values;
}

export const photoKey = (photo: { citizenId: string; testId: string }) => `${photo.citizenId}\u0000${photo.testId}`;

export type AntigenPhotoStore = ReturnType<typeof createAntigenPhotoStore>;
