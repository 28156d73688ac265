import type { ItineraryStop } from '../../core/contract/records.ts';
import { formatDay } from '../i18n/shanghai-time.ts';

const windowDays = 14;

/**
 * The cities reached or passed in the last 14 Shanghai days (today included), each once, newest
 * first, flagged when any visit to it was a risk visit: what the 通信行程卡 line shows.
 */
export function recentCities(stops: readonly ItineraryStop[], now: number): { city: string; risk: boolean }[] {
  const cities = new Map<string, boolean>();
  for (const stop of recentStops(stops, now)) cities.set(stop.city, (cities.get(stop.city) ?? false) || stop.risk);
  return [...cities].map(([city, risk]) => ({ city, risk }));
}

/** The stops of the last 14 Shanghai days, newest first. */
export function recentStops(stops: readonly ItineraryStop[], now: number): ItineraryStop[] {
  const earliest = formatDay(now - (windowDays - 1) * 24 * 60 * 60 * 1000);
  // Days are ISO dates, whose order is that of their code units: localeCompare would load ICU's collation on the first panel render.
  return stops.filter((stop) => stop.date >= earliest).sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
}
