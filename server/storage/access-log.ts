import type { Kysely } from 'kysely';
import type { AccessLogTable, Schema } from './schema.ts';

export type AccessLogRow = AccessLogTable;

/** The access log as rows: appended to and read, never updated (services/access-log.ts has the rules). */
export function createAccessLogStore(db: Kysely<Schema>) {
  return {
    async append(rows: readonly AccessLogRow[]): Promise<void> {
      if (rows.length > 0) await db.insertInto('access_log').values([...rows]).execute();
    },
    /** The citizen's entries, newest first; `limit` of them when given. */
    async of(citizenId: string, limit?: number): Promise<AccessLogRow[]> {
      let query = db.selectFrom('access_log').selectAll().where('citizen_id', '=', citizenId).orderBy('at', 'desc').orderBy('id', 'desc');
      if (limit !== undefined) query = query.limit(limit);
      return query.execute();
    },
  };
}

export type AccessLogStore = ReturnType<typeof createAccessLogStore>;
