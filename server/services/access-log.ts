/**
 * The access log's rules. Every read of a citizen's records by someone other than the citizen is written
 * here by the service that does the read, before the data leaves it, so no route can read without it: a
 * guardian's read (citizens.ts `readable`, which records.ts and credentials.ts call before they load
 * anything), a provider's correction (feeds.ts, in the feed's own transaction), and a kiosk's ID-number
 * lookup (`record`, for the kiosk to call). A log entry that cannot be written fails the read.
 */
import { randomUUID } from 'node:crypto';
import type { AccessActorKind, AccessedData, AccessLogEntry, AccessPurpose } from '../../core/contract/account.ts';
import type { AccessLogStore, AccessRecord } from '../storage/access-log.ts';

export interface AccessEvent {
  /** Whose records were read. */
  subject: string;
  actor: { kind: AccessActorKind; id: string; label: string };
  purpose: AccessPurpose;
  data: AccessedData;
}

/** The record an access becomes, at `at`; feeds.ts writes these within its own transaction. */
export function accessRecord(event: AccessEvent, at: Date): AccessRecord {
  return { citizenId: event.subject, id: randomUUID(), at: at.toISOString(), actor: event.actor, purpose: event.purpose, data: event.data };
}

export function toAccessLogEntry(record: AccessRecord): AccessLogEntry {
  return { id: record.id, at: record.at, actor: { kind: record.actor.kind, label: record.actor.label }, purpose: record.purpose, data: record.data };
}

export function createAccessLogService(store: AccessLogStore, clock: () => Date = () => new Date()) {
  return {
    /** Writes one access; a reader with `actor.id === subject` is the citizen and is not logged. */
    async record(event: AccessEvent): Promise<void> {
      if (event.actor.kind === 'guardian' && event.actor.id === event.subject) return;
      await store.append([accessRecord(event, clock())]);
    },
    /** The citizen's log, newest first; `limit` entries when given. */
    async of(citizenId: string, limit?: number): Promise<AccessLogEntry[]> {
      return (await store.of(citizenId, limit)).map(toAccessLogEntry);
    },
  };
}

export type AccessLogService = ReturnType<typeof createAccessLogService>;
