/**
 * The revocation list a staff verifier or kiosk holds (core/crypto/revocation-compact.ts), kept in
 * IndexedDB so that a device checking codes with no signal still knows whose colour changed up to its
 * last sync. Groups keep their hashes as typed arrays, which IndexedDB stores as they are (2 MB for
 * 500,000 entries) without a JSON detour.
 */
import * as z from 'zod/mini';
import { storage, walletDb } from './db.ts';

export const heldRevocations = z.object({
  salt: z.string(),
  hashBits: z.int(),
  bucketSeconds: z.int(),
  /** The server's version of the list this device is complete up to: the next sync asks for what came after. */
  version: z.int(),
  groups: z.array(z.object({ bucket: z.int(), hi: z.int(), hashes: z.instanceof(Uint32Array) })),
  /** When this device last heard from the server (ms), for staff to see how current the list is. */
  syncedAt: z.number(),
});
export type HeldRevocations = z.infer<typeof heldRevocations>;

export async function saveRevocations(list: HeldRevocations): Promise<void> {
  await (await walletDb()).put(storage.stores.revocations, { id: 'current', list });
}

/**
 * The list last synced, validated again: the store may hold what an older build wrote (the JSON list of
 * subject → time before the compact form), which reads as nothing held, so the next sync asks for all.
 */
export async function storedRevocations(): Promise<HeldRevocations | null> {
  const row = await (await walletDb()).get(storage.stores.revocations, 'current');
  const parsed = heldRevocations.safeParse(row?.list);
  return parsed.success ? parsed.data : null;
}
