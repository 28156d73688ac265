/**
 * House-keeping that no request should wait for: check-ins past the retention period, expired sessions and
 * login codes, ended login counters and signing keys retired long enough ago go, and on PostgreSQL the next days' check-in partitions are made
 * before their first scan. Runs at start and then hourly on every node; each pass is idempotent, so nodes
 * need not agree on who runs it.
 *
 * Spent sync ids are forgotten after 30 days. An item resent later than that cannot be stored twice
 * anyway: a check-in that old is past retention and kept nowhere, and an antigen result older than
 * 7 days is refused.
 *
 * Antigen cassette photos go 30 days after upload (they prove a result to no one after that); the result stays.
 */
import { antigenPhotoRetentionDays } from '../../core/contract/antigen.ts';
import type { Storage } from '../storage/storage.ts';
import type { AuthService } from './auth.ts';
import { retiredKeyPublishedMs } from './signer.ts';
import { checkInCutoff } from './venues.ts';

const hourMs = 60 * 60 * 1000;
const syncIdMemoryMs = 30 * 24 * hourMs;
/** Cassette photos, and the hashes that catch one reused: long past the 7 days an upload may be late. */
const photoRetentionMs = antigenPhotoRetentionDays * 24 * hourMs;

export async function keepHouse(storage: Storage, auth: AuthService, now = Date.now()): Promise<void> {
  await storage.checkIns.prepareDays(now);
  await storage.checkIns.deleteBefore(checkInCutoff(now));
  await storage.kiosks.deleteLookupsBefore(checkInCutoff(now));
  await storage.syncItems.deleteReceivedBefore(new Date(now - syncIdMemoryMs).toISOString());
  await storage.antigenPhotos.deleteUploadedBefore(new Date(now - photoRetentionMs).toISOString());
  await auth.deleteExpired();
  await storage.signingKeys.deleteRetiredBefore(new Date(now - retiredKeyPublishedMs).toISOString());
  await storage.antigenPhotos.deleteHashesBefore(new Date(now - photoRetentionMs).toISOString());
}

/** Starts the hourly pass; the returned function stops it. */
export function scheduleHouseKeeping(storage: Storage, auth: AuthService): () => void {
  const timer = setInterval(() => {
    keepHouse(storage, auth).catch((error: unknown) => console.error('house-keeping failed', error));
  }, hourMs);
  timer.unref();
  return () => clearInterval(timer);
}
