import type { Db } from './database.ts';

/** Cassette photos of antigen self-tests, one per test, as the JPEG bytes the device sent. */
export function createAntigenPhotoStore(db: Db) {
  const insert = db.prepare(
    `INSERT INTO antigen_photos (test_id, content_type, width, height, bytes)
     VALUES (@testId, @contentType, @width, @height, @bytes)`,
  );
  const find = db.prepare<[string], { content_type: string; bytes: Buffer }>(
    'SELECT content_type, bytes FROM antigen_photos WHERE test_id = ?',
  );
  return {
    put: (photo: { testId: string; contentType: string; width: number; height: number; bytes: Buffer }) => insert.run(photo),
    get: (testId: string) => find.get(testId),
  };
}
