/**
 * Asia/Shanghai's wall clock, for client and server alike: Shanghai has kept UTC+8 without daylight saving
 * since 1991, so its days and hours are plain arithmetic on the instant, whatever zone the machine is in.
 * Deliberately not Intl.DateTimeFormat: one built with a time zone loads ICU's zone data, which a phone pays
 * for before the code can show.
 */
export const shanghaiOffsetMs = 8 * 60 * 60 * 1000;
const dayMs = 24 * 60 * 60 * 1000;

export interface ShanghaiParts {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
  second: string;
}

const twoDigits = (n: number) => String(n).padStart(2, '0');

export function shanghaiParts(instant: Date | number | string): ShanghaiParts {
  const wall = new Date(new Date(instant).getTime() + shanghaiOffsetMs);
  return {
    year: String(wall.getUTCFullYear()),
    month: twoDigits(wall.getUTCMonth() + 1),
    day: twoDigits(wall.getUTCDate()),
    hour: twoDigits(wall.getUTCHours()),
    minute: twoDigits(wall.getUTCMinutes()),
    second: twoDigits(wall.getUTCSeconds()),
  };
}

/** yyyy-mm-dd: the Shanghai calendar day an instant falls on. */
export function shanghaiDay(instant: number): string {
  return new Date(instant + shanghaiOffsetMs).toISOString().slice(0, 10);
}

/** The instant the Shanghai day holding `instant` began (its midnight). */
export function shanghaiDayStart(instant: number): number {
  return Math.floor((instant + shanghaiOffsetMs) / dayMs) * dayMs - shanghaiOffsetMs;
}

/** The next midnight in Shanghai after `instant`. */
export function shanghaiDayEnd(instant: number): number {
  return shanghaiDayStart(instant) + dayMs;
}

/** Reads a datetime-local value ("2022-04-02T08:30") as Shanghai time; null when it is not one. */
export function shanghaiLocalToInstant(value: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!match) return null;
  const [, year, month, day, hour, minute] = match.map(Number) as [number, number, number, number, number, number];
  const utc = Date.UTC(year, month - 1, day, hour, minute);
  const check = new Date(utc);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59) return null;
  return utc - shanghaiOffsetMs;
}

/** The datetime-local value for an instant, in Shanghai time (to prefill and bound a field). */
export function instantToShanghaiLocal(instant: number): string {
  const parts = shanghaiParts(instant);
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}
