/**
 * The device's reckoning of server time (core/clock.ts), kept in localStorage so that it is there
 * synchronously at first paint and offline. Every API answer updates it (client.ts).
 */
import { measuredClock, offsetFromDate, reckonNow, type ClockState, type Reckoning } from '../../core/clock.ts';

const key = 'suishen.clock';

function stored(): ClockState | null {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(key) ?? 'null');
    if (typeof value !== 'object' || value === null || !('offsetMs' in value) || !('highWaterMs' in value)) return null;
    const { offsetMs, highWaterMs } = value;
    return typeof offsetMs === 'number' && typeof highWaterMs === 'number' && Number.isFinite(offsetMs + highWaterMs) ? { offsetMs, highWaterMs } : null;
  } catch {
    return null;
  }
}

function keep(state: ClockState): void {
  try {
    localStorage.setItem(key, JSON.stringify(state));
  } catch {
    // Storage refused (private mode): the reckoning then lasts for this visit only, and is measured again online.
  }
}

/** Called with every server answer. */
export function noteServerDate(dateHeader: string | null, sentAt: number, receivedAt: number): void {
  const offset = offsetFromDate(dateHeader, sentAt, receivedAt);
  if (offset !== null) keep(measuredClock(offset, receivedAt));
}

/** Server time at the local time `localNow`, read only: for rendering. */
export function serverNowAt(localNow: number): Reckoning {
  return reckonNow(stored(), localNow);
}

/** Server time now, or `{ ok: false }` when this device's clock looks wrong and nothing may be judged by it. */
export function serverNow(): Reckoning {
  const reckoning = serverNowAt(Date.now());
  if (reckoning.ok) keep(reckoning.state);
  return reckoning;
}
