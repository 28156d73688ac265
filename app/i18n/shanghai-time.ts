/**
 * Times as Shanghai shows them, whatever zone the device is set to: every instant is rendered in
 * Asia/Shanghai (UTC+8, no daylight saving since 1991) and nothing here reads the device's zone.
 */
import { locales, type Language } from './messages.ts';

// The clock's formats live apart, without the catalogue, for the boot module (app/boot/).
export { formatClock, formatDateTime, formatDay } from './shanghai-clock.ts';

/** A calendar day (yyyy-mm-dd, already a Shanghai day) written out for the reader's language. */
export function formatCalendarDay(day: string, language: Language): string {
  const [year, month, date] = day.split('-').map(Number);
  if (!year || !month || !date) return day;
  return language === 'zh' ? `${year}年${month}月${date}日` : new Date(Date.UTC(year, month - 1, date)).toLocaleDateString('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' });
}

export type RelativeAge =
  | { unit: 'justNow' }
  | { unit: 'minutes' | 'hours' | 'days'; n: number };

/** How long ago, in the coarsest unit that still says something; future instants count as just now. */
export function relativeAge(instant: Date | number | string, now: number): RelativeAge {
  const minutes = Math.floor((now - new Date(instant).getTime()) / 60_000);
  if (minutes < 1) return { unit: 'justNow' };
  if (minutes < 60) return { unit: 'minutes', n: minutes };
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return { unit: 'hours', n: hours };
  return { unit: 'days', n: Math.floor(hours / 24) };
}

// Made on first use, and only for the language shown: each costs a load of ICU data.
const relativeTimeFormats: Partial<Record<Language, Intl.RelativeTimeFormat>> = {};

/** "5分钟前" / "5 minutes ago": Intl has each language's words and plurals ("1 day ago", "2 days ago"). */
export function formatRelativeAge(age: Exclude<RelativeAge, { unit: 'justNow' }>, language: Language): string {
  relativeTimeFormats[language] ??= new Intl.RelativeTimeFormat(locales[language], { numeric: 'always' });
  return relativeTimeFormats[language].format(-age.n, age.unit);
}
