import type { Kysely } from 'kysely';
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
export function createAntigenPhotoStore(db: Kysely<Schema>) {
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
        .values({ citizen_id: hash.citizenId, test_id: hash.testId, hash: hash.hash, print: hash.print, created_at: hash.createdAt })
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
     * Every hash still kept, in pages, for comparing a new photo with all earlier ones: a Hamming distance
     * cannot use an index. At this reference server's scale a scan is fine; docs/antigen.md says what a city needs.
     */
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

export const photoKey = (photo: { citizenId: string; testId: string }) => `${photo.citizenId}\u0000${photo.testId}`;

export type AntigenPhotoStore = ReturnType<typeof createAntigenPhotoStore>;
