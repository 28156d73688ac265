import type { Kysely, Selectable } from 'kysely';
import type { AccessActorKind, AccessedData, AccessPurpose } from '../../core/contract/account.ts';
import type { AccessLogTable, Schema } from './schema.ts';

/** One read of a citizen's records by someone else, as the log keeps it. */
export interface AccessRecord {
  /** Whose records were read. */
  citizenId: string;
  id: string;
  at: string;
  /** `id` is the guardian's citizen id, the provider's name or the kiosk's venue number; `label` what the citizen is shown. */
  actor: { kind: AccessActorKind; id: string; label: string };
  purpose: AccessPurpose;
  data: AccessedData;
}

const toRow = (record: AccessRecord): AccessLogTable => ({
  citizen_id: record.citizenId,
  id: record.id,
  at: record.at,
  actor_kind: record.actor.kind,
  actor_id: record.actor.id,
  actor_label: record.actor.label,
  purpose: record.purpose,
  data: record.data,
});

const fromRow = (row: Selectable<AccessLogTable>): AccessRecord => ({
  citizenId: row.citizen_id,
  id: row.id,
  at: row.at,
  actor: { kind: row.actor_kind, id: row.actor_id, label: row.actor_label },
  purpose: row.purpose,
  data: row.data,
});

/** The access log: appended to and read, never updated (services/access-log.ts has the rules). */
export function createAccessLogStore(db: Kysely<Schema>) {
  return {
    async append(records: readonly AccessRecord[]): Promise<void> {
      if (records.length > 0) await db.insertInto('access_log').values(records.map(toRow)).execute();
    },
    /** The citizen's entries, newest first; `limit` of them when given. */
    async of(citizenId: string, limit?: number): Promise<AccessRecord[]> {
      let query = db.selectFrom('access_log').selectAll().where('citizen_id', '=', citizenId).orderBy('at', 'desc').orderBy('id', 'desc');
      if (limit !== undefined) query = query.limit(limit);
      return (await query.execute()).map(fromRow);
    },
  };
}

export type AccessLogStore = ReturnType<typeof createAccessLogStore>;
