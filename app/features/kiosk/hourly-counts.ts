/**
 * The kiosk's tally: passes and fails per clock hour, never who. Shanghai is a whole number of hours from
 * UTC, so an hour is the epoch hour whatever the device's zone. Hours older than `keptHours` are dropped.
 */
import { shanghaiDayStart } from '../../../core/shanghai-time.ts';

const hourMs = 60 * 60 * 1000;
export const keptHours = 7 * 24;

export interface HourCount {
  /** Start of the hour, epoch ms. */
  hour: number;
  pass: number;
  fail: number;
}

export const hourOf = (at: number): number => Math.floor(at / hourMs) * hourMs;

/** The hour's count with one more outcome. */
export function addOutcome(current: HourCount | undefined, at: number, outcome: 'pass' | 'fail'): HourCount {
  const base = current && current.hour === hourOf(at) ? current : { hour: hourOf(at), pass: 0, fail: 0 };
  return { ...base, [outcome]: base[outcome] + 1 };
}

/** Whether an hour's count is past keeping at `now`. */
export const isExpired = (count: HourCount, now: number): boolean => count.hour < hourOf(now) - keptHours * hourMs;

/** This hour and the Shanghai day so far, for the small line on screen. */
export function summarise(counts: readonly HourCount[], now: number): { hour: HourCount; day: { pass: number; fail: number } } {
  const dayStart = shanghaiDayStart(now);
  const hour = counts.find((count) => count.hour === hourOf(now)) ?? { hour: hourOf(now), pass: 0, fail: 0 };
  const today = counts.filter((count) => count.hour >= dayStart && count.hour <= now);
  return { hour, day: { pass: today.reduce((sum, c) => sum + c.pass, 0), fail: today.reduce((sum, c) => sum + c.fail, 0) } };
}
