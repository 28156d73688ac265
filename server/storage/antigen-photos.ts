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

/** Cassette photos of antigen self-tests, one per test, as the JPEG bytes the device sent. */
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
  };
}

export type AntigenPhotoStore = ReturnType<typeof createAntigenPhotoStore>;
