/**
 * The outbox: every write the user makes is stored here first, with an id made on this device, and
 * only then sent (by sync-engine.ts). Nothing leaves the outbox until the server has answered for it,
 * so a reload, a closed tab or a dead network loses nothing, and the id makes resending harmless.
 *
 * A feature adds a kind of write with one `registerOutboxKind` call: one of the contract's outbox kinds
 * (whose payload schema the server's handler uses too) and the queries to refresh once it is stored.
 */
import { issueText } from '../../core/contract/common.ts';
import type { QueryKey } from '@tanstack/react-query';
import * as z from 'zod/mini';
import { type OutboxKindName, outboxPayloads } from '../../core/contract/sync.ts';
import { storage, walletDb, type WalletSchema } from './db.ts';

export type OutboxItem = WalletSchema['outbox']['value'];

export interface OutboxKind {
  kind: string;
  payload: z.ZodMiniType;
  /** Queries whose answer changes once an item of this kind is stored on the server. */
  invalidates: (citizenId: string) => readonly QueryKey[];
}

/** One of the contract's outbox kinds, with the payload schema the server's handler checks too. */
export function contractOutboxKind(kind: OutboxKindName, invalidates: OutboxKind['invalidates']): OutboxKind {
  return { kind, payload: outboxPayloads[kind], invalidates };
}

const kinds = new Map<string, OutboxKind>();
const listeners = new Set<() => void>();

export function registerOutboxKind(definition: OutboxKind): void {
  kinds.set(definition.kind, definition);
}

export function outboxKind(kind: string): OutboxKind | undefined {
  return kinds.get(kind);
}

/** Called after every change to the outbox made in this tab. */
export function subscribeOutbox(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function changed(): void {
  listeners.forEach((listener) => {
    listener();
  });
}

/**
 * Items are sent in the order they were queued, by `createdAt`; two queued in the same millisecond would
 * tie and go out in random id order, so each takes at least one millisecond after the last.
 */
let lastCreatedAt = 0;

/** Stores a write for `citizenId`; resolves once it is durable in IndexedDB. Throws on an invalid payload. */
export async function enqueue(kind: string, citizenId: string, payload: unknown): Promise<OutboxItem> {
  const definition = kinds.get(kind);
  if (!definition) throw new Error(`outbox kind ${kind} is not registered`);
  const parsed = definition.payload.safeParse(payload);
  if (!parsed.success) throw new Error(`outbox ${kind} payload is invalid: ${issueText(parsed.error, 'invalid')}`);
  const item: OutboxItem = {
    id: crypto.randomUUID(),
    citizenId,
    kind,
    createdAt: (lastCreatedAt = Math.max(Date.now(), lastCreatedAt + 1)),
    attempts: 0,
    lastError: null,
    payload: parsed.data,
  };
  const db = await walletDb();
  await db.put(storage.stores.outbox, item);
  changed();
  return item;
}

const storedItem = z.object({
  id: z.uuid(),
  citizenId: z.string().check(z.minLength(1)),
  kind: z.string(),
  createdAt: z.number(),
  attempts: z.int().check(z.minimum(0)),
  lastError: z.nullable(z.string()),
  rejected: z.optional(z.string()),
  payload: z.unknown(),
});

/** Why a stored record cannot be used (older build, hand-edited), or null when it is sound. */
export function outboxItemProblem(record: unknown): string | null {
  const parsed = storedItem.safeParse(record);
  if (!parsed.success) return `malformed outbox record: ${issueText(parsed.error, 'invalid')}`;
  const definition = kinds.get(parsed.data.kind);
  if (!definition) return `unknown outbox kind ${parsed.data.kind}`;
  if (!definition.payload.safeParse(parsed.data.payload).success) return `invalid ${parsed.data.kind} payload`;
  return null;
}

export interface CitizenOutbox {
  /** Waiting to be sent, oldest first. */
  pending: OutboxItem[];
  /** Refused by the server for good; kept so nothing the user entered disappears silently. */
  rejected: OutboxItem[];
}

/** This citizen's items, oldest first. Records that fail validation are skipped with a logged reason. */
export async function readOutbox(citizenId: string): Promise<CitizenOutbox> {
  const db = await walletDb();
  const records: unknown[] = await db.getAllFromIndex(storage.stores.outbox, 'by-citizen', citizenId);
  const sound: OutboxItem[] = [];
  for (const record of records) {
    const problem = outboxItemProblem(record);
    if (problem) console.warn(`Skipping an outbox record: ${problem}`);
    else sound.push(record as OutboxItem);
  }
  sound.sort((a, b) => a.createdAt - b.createdAt);
  return { pending: sound.filter((item) => item.rejected === undefined), rejected: sound.filter((item) => item.rejected !== undefined) };
}

/** The server has the items: they leave the outbox. */
export async function removeFromOutbox(ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const db = await walletDb();
  const tx = db.transaction(storage.stores.outbox, 'readwrite');
  await Promise.all([...ids.map((id) => tx.store.delete(id)), tx.done]);
  changed();
}

/** Records a failed attempt (or a final refusal) on each item, so retries and the UI can tell. */
export async function markAttempt(updates: readonly { id: string; error: string; rejected: boolean }[]): Promise<void> {
  if (updates.length === 0) return;
  const db = await walletDb();
  const tx = db.transaction(storage.stores.outbox, 'readwrite');
  for (const update of updates) {
    const item = await tx.store.get(update.id);
    if (!item) continue;
    await tx.store.put({
      ...item,
      attempts: item.attempts + 1,
      lastError: update.error,
      ...(update.rejected ? { rejected: update.error } : {}),
    });
  }
  await tx.done;
  changed();
}
