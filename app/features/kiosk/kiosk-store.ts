/**
 * What a 数字哨兵 device keeps: its pairing token (from the owner's `#pair=` link) with the kiosk and venue the
 * server last confirmed for it, and its hourly pass/fail counts. Nothing about any visitor is kept here; the
 * visits waiting to be sent sit in the outbox under the kiosk's own owner key.
 */
import * as z from 'zod/mini';
import { kioskMe, type KioskMe } from '../../../core/contract/kiosks.ts';
import { storage, walletDb } from '../../offline/db.ts';
import { addOutcome, isExpired, type HourCount } from './hourly-counts.ts';

const storedPairing = z.object({
  token: z.string().check(z.minLength(1), z.maxLength(512)),
  /** The server's answer to /kiosk/me, kept so the kiosk starts offline; null until it was first asked. */
  me: z.nullable(kioskMe),
});
export type Pairing = z.infer<typeof storedPairing>;

/** The outbox is per owner; a kiosk's visits are its own, apart from any citizen signed in on the device. */
export const kioskOwner = (me: KioskMe) => `kiosk:${me.kiosk.id}`;

export async function storedKioskPairing(): Promise<Pairing | null> {
  const row = await (await walletDb()).get(storage.stores.kioskPairing, 'current');
  const parsed = storedPairing.safeParse(row?.pairing);
  return parsed.success ? parsed.data : null;
}

export async function saveKioskPairing(pairing: Pairing): Promise<void> {
  await (await walletDb()).put(storage.stores.kioskPairing, { id: 'current', pairing });
}

export async function forgetKioskPairing(): Promise<void> {
  await (await walletDb()).delete(storage.stores.kioskPairing, 'current');
}

/** One more pass or fail in its hour; hours past keeping are dropped on the way. */
export async function countOutcome(at: number, outcome: 'pass' | 'fail'): Promise<HourCount[]> {
  const db = await walletDb();
  const tx = db.transaction(storage.stores.kioskCounts, 'readwrite');
  const all = await tx.store.getAll();
  const next = addOutcome(all.find((count) => count.hour === addOutcome(undefined, at, outcome).hour), at, outcome);
  await tx.store.put(next);
  for (const count of all) if (isExpired(count, at)) await tx.store.delete(count.hour);
  await tx.done;
  return [...all.filter((count) => count.hour !== next.hour && !isExpired(count, at)), next];
}

export async function storedCounts(): Promise<HourCount[]> {
  return (await walletDb()).getAll(storage.stores.kioskCounts);
}
