/** The outbox's queued writes and the batch that syncs them, exactly once by their client-made ids. */
import * as z from 'zod/mini';
import { antigenUpload } from './antigen.ts';
import { endpoint } from './common.ts';
import { checkInUpload } from './venues.ts';

/** A queued write: the id is made by the client once, so resending it can never store it twice. */
export const syncItem = z.object({
  id: z.uuid(),
  kind: z.string().check(z.regex(/^[a-z][a-z0-9-]{0,31}$/)),
  payload: z.unknown(),
});
export type SyncItem = z.infer<typeof syncItem>;
/** The most items one sync batch may carry; the client splits its outbox to fit. */
export const maxSyncBatchItems = 50;
export const syncBatchBody = z.object({ items: z.array(syncItem).check(z.minLength(1), z.maxLength(maxSyncBatchItems)) });
export const syncItemStatus = z.enum(['stored', 'duplicate', 'rejected']);
export const syncItemResult = z.object({
  id: z.string(),
  status: syncItemStatus,
  error: z.optional(z.object({ code: z.string(), message: z.string() })),
});
export type SyncItemResult = z.infer<typeof syncItemResult>;
export const syncBatchResponse = z.object({ results: z.array(syncItemResult) });
/** Largest sync batch body; the client splits its queue into batches below it. */
export const maxSyncBatchBytes = 4 * 1024 * 1024;

/**
 * The kinds of queued write a device's outbox may hold, each with its payload schema: the client queues
 * them under these names and the server's sync handlers are keyed by them, so neither side spells a kind by hand.
 */
export const outboxPayloads = {
  'check-in': checkInUpload,
  'antigen-test': antigenUpload,
} as const;
export type OutboxKindName = keyof typeof outboxPayloads;

export const syncEndpoints = {
  syncBatch: endpoint({ method: 'POST', path: '/sync/batch', body: syncBatchBody, response: syncBatchResponse }),
  /** One item alone, answered with its own HTTP status: 201 stored, 200 a duplicate, 4xx rejected (an error body). */
  syncItem: endpoint({ method: 'POST', path: '/sync/item', body: syncItem, response: syncItemResult }),
} as const;
