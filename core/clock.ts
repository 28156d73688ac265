/**
 * How far a device may trust its own clock when it judges codes and test ages offline. A phone or a
 * verifier whose clock is hours off must never show a wrong PASS: it either reckons the true time or
 * says it cannot judge.
 *
 * - Every answer from the server carries its time (the HTTP Date header). The difference to the local
 *   clock is kept as an offset, and the device reckons server time as local time plus that offset: a
 *   clock that was wrong when the device was last online is corrected.
 * - The latest server time reckoned is kept too (the high-water mark). Time never runs backwards, so a
 *   reckoning earlier than that means the clock was set back since: the device cannot judge until it
 *   is online again. A clock set forward needs no guard here: ages only look older and expiries nearer,
 *   which refuses, never passes, wrongly.
 * - What a scanned code says is evidence too (health-code.ts): a code issued by the server after the
 *   reckoned now shows the clock is behind.
 */

/** Server-reckoned time may run this far behind the high-water mark (a Date header's second, a slow reply). */
export const clockToleranceMs = 2 * 60_000;

export interface ClockState {
  /** Server time minus local time, as last measured. */
  offsetMs: number;
  /** The latest server-reckoned time this device has seen. */
  highWaterMs: number;
}

export type Reckoning = { ok: true; now: number; state: ClockState } | { ok: false; state: ClockState | null };

/**
 * The offset a server answer shows: the Date header, truncated to its second, taken as the middle of
 * that second against the middle of the round trip. Null when there is no usable header.
 */
export function offsetFromDate(dateHeader: string | null, sentAt: number, receivedAt: number): number | null {
  const serverTime = dateHeader === null ? Number.NaN : Date.parse(dateHeader);
  if (!Number.isFinite(serverTime) || receivedAt < sentAt) return null;
  return Math.round(serverTime + 500 - (sentAt + receivedAt) / 2);
}

/** A fresh measurement replaces what was known: the server is the reference, the high-water mark starts again from it. */
export function measuredClock(offsetMs: number, localNow: number): ClockState {
  return { offsetMs, highWaterMs: localNow + offsetMs };
}

/** Server time now by this device's reckoning, or a refusal to judge when its clock was set back. */
export function reckonNow(state: ClockState | null, localNow: number): Reckoning {
  const now = localNow + (state?.offsetMs ?? 0);
  if (state && now < state.highWaterMs - clockToleranceMs) return { ok: false, state };
  return { ok: true, now, state: { offsetMs: state?.offsetMs ?? 0, highWaterMs: Math.max(now, state?.highWaterMs ?? now) } };
}
