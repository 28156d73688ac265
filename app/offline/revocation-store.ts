/**
 * The revocation list a staff verifier holds (core/crypto/revocation-list.ts), kept in IndexedDB so that
 * a device checking codes with no signal still knows whose colour changed up to its last sync.
 */
import * as z from 'zod/mini';
import { storage, walletDb } from './db.ts';

export const heldRevocations = z.object({
  salt: z.string(),
  /** The server's version of the list this device is complete up to: the next sync asks for what came after. */
  version: z.int(),
  /** Subject hash → notBefore (Unix seconds). */
  entries: z.record(z.string(), z.int()),
  /** When this device last heard from the server (ms), for staff to see how current the list is. */
  syncedAt: z.number(),
});
export type HeldRevocations = z.infer<typeof heldRevocations>;

export async function saveRevocations(list: HeldRevocations): Promise<void> {
  await (await walletDb()).put(storage.stores.revocations, { id: 'current', list });
}

/** The list last synced, validated again: the store may hold what an older build wrote. */
export async function storedRevocations(): Promise<HeldRevocations | null> {
  const row = await (await walletDb()).get(storage.stores.revocations, 'current');
  const parsed = heldRevocations.safeParse(row?.list);
  return parsed.success ? parsed.data : null;
}
