import { shanghaiParts } from '../../i18n/shanghai-time.ts';

/** Shanghai has kept UTC+8 without daylight saving since 1991. */
const shanghaiOffsetMs = 8 * 60 * 60 * 1000;

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

/** The datetime-local value for an instant, in Shanghai time (to prefill and bound the field). */
export function instantToShanghaiLocal(instant: number): string {
  const parts = shanghaiParts(instant);
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}
