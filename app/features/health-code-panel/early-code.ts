/**
 * The code of the citizen last signed in on this device, signed while the app is still starting: the kept
 * credential, the device key, the signature and the QR's modules (in a worker) are made while the query cache is read
 * back from IndexedDB and the panel renders, instead of one after the other once the panel has mounted
 * (so the first frame can hold the code). It is exactly what the panel would sign itself: the same kept
 * credential (used only when its token is the one the panel's credential query holds), the same device key
 * and server-time reckoning, and it is taken once and only while fresh. Nothing is read when nobody is
 * signed in: logout deletes the pointer to the last citizen, their credentials and their keys.
 */
import { takeBootCode } from '../../boot/hand-over.ts';
import { storedCredential } from '../../offline/credential-store.ts';
import { lastSignedInCitizen } from '../../offline/query-persister.ts';
import { signCode, type SignedCode } from './sign-code.ts';

interface EarlyCode {
  citizenId: string;
  token: string;
  code: SignedCode;
  /** Local time it was made at (the code's own time is the server's). */
  madeAt: number;
  /** Made and painted by the boot module (app/boot/). */
  fromBoot?: boolean;
}

/** Older than this, the panel signs again: its next re-signing is a minute after it mounts, and a verifier takes 90 s. */
const maxEarlyAgeMs = 5_000;
/**
 * The boot module's code is on screen already: taking it spares a second signature and a second QR. Up to
 * 20 s old it is still fresh for the 90 s a verifier allows until the panel's first re-signing a minute on.
 */
const maxBootAgeMs = 20_000;

let early: Promise<EarlyCode | null> | undefined;
/** The early code once it is made, so the panel's first render can show it without waiting a tick. */
let made: EarlyCode | null = null;

async function makeEarlyCode(): Promise<EarlyCode | null> {
  const citizenId = await lastSignedInCitizen();
  if (citizenId === undefined) return null;
  const credential = await storedCredential(citizenId);
  if (!credential) return null;
  const code = await signCode(citizenId, { token: credential.credential, compact: credential.compact, expiresAt: credential.expiresAt });
  return { citizenId, token: credential.credential, code, madeAt: Date.now() };
}

/** Starts the early code, or takes the one the boot module painted; called once as the app's modules load. */
export function startEarlyCode(): void {
  const boot = takeBootCode();
  if (boot) made = { ...boot, fromBoot: true };
  early ??= (made ? Promise.resolve(made) : makeEarlyCode())
    .then((result) => (made = result))
    // Any failure leaves the code to the panel, which signs it the usual way and shows what went wrong.
    .catch(() => null);
}

/**
 * Settles once the early code is made or known not to be, or after `maxWaitMs`: the panel's first render
 * may wait this long for it, so that the QR is in that first frame rather than painted on its own after.
 */
export function earlyCodeSettled(maxWaitMs: number): Promise<void> {
  if (!early) return Promise.resolve();
  return Promise.race([early.then(() => undefined), new Promise<void>((resolve) => setTimeout(resolve, maxWaitMs))]);
}

function usable(result: EarlyCode | null, citizenId: string, token: string): SignedCode | null {
  if (!result || result.citizenId !== citizenId || result.token !== token) return null;
  made = null;
  early = Promise.resolve(null);
  if (Date.now() - result.madeAt > (result.fromBoot ? maxBootAgeMs : maxEarlyAgeMs)) return null;
  return result.code;
}

/** The early code for this citizen and credential if it is already made; taken once. */
export function takeEarlyCode(citizenId: string, token: string): SignedCode | null {
  return usable(made, citizenId, token);
}

/** The early code for this citizen and credential once it is made, or null; taken once. */
export async function awaitEarlyCode(citizenId: string, token: string): Promise<SignedCode | null> {
  return usable((await early) ?? null, citizenId, token);
}
