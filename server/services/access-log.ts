/**
 * The access log's rules. Every read of a citizen's records by someone other than the citizen is written
 * here by the service that does the read, before the data leaves it, so no route can read without it: a
 * guardian's read (citizens.ts `readable`, which records.ts and credentials.ts call before they load
 * anything), a provider's correction (feeds.ts, in the feed's own transaction), and a kiosk's ID-number
 * lookup (`record`, for the kiosk to call). A log entry that cannot be written fails the read.
 */
import { randomUUID } from 'node:crypto';
import type { AccessActorKind, AccessedData, AccessLogEntry, AccessPurpose } from '../../core/contract/account.ts';
import type { AccessLogRow, AccessLogStore } from '../storage/access-log.ts';

export interface AccessEvent {
  /** Whose records were read. */
  subject: string;
  actor: { kind: AccessActorKind; id: string; label: string };
  purpose: AccessPurpose;
  data: AccessedData;
}

/** The row an access becomes, at `at`; feeds.ts writes these within its own transaction. */
export function accessRow(event: AccessEvent, at: Date): AccessLogRow {
  return {
    citizen_id: event.subject,
    id: randomUUID(),
    at: at.toISOString(),
    actor_kind: event.actor.kind,
    actor_id: event.actor.id,
    actor_label: event.actor.label,
    purpose: event.purpose,
    data: event.data,
  };
}

export function toAccessLogEntry(row: AccessLogRow): AccessLogEntry {
  return { id: row.id, at: row.at, actor: { kind: row.actor_kind, label: row.actor_label }, purpose: row.purpose, data: row.data };
}

export function createAccessLogService(store: AccessLogStore, clock: () => Date = () => new Date()) {
  return {
    /** Writes one access; a reader with `actor.id === subject` is the citizen and is not logged. */
    async record(event: AccessEvent): Promise<void> {
      if (event.actor.kind === 'guardian' && event.actor.id === event.subject) return;
      await store.append([accessRow(event, clock())]);
    },
    /** The citizen's log, newest first; `limit` entries when given. */
    async of(citizenId: string, limit?: number): Promise<AccessLogEntry[]> {
      return (await store.of(citizenId, limit)).map(toAccessLogEntry);
    },
  };
}

export type AccessLogService = ReturnType<typeof createAccessLogService>;
