import { describe, expect, it } from 'vitest';
import { formatCalendarDay, formatDateTime, formatDay, formatRelativeAge, relativeAge } from './shanghai-time.ts';

describe('Shanghai time', () => {
  it('renders a UTC instant in UTC+8', () => {
    expect(formatDateTime('2022-04-01T16:30:05Z', true)).toBe('2022-04-02 00:30:05');
  });

  it('crosses the date line into the next Shanghai day', () => {
    expect(formatDay('2022-04-01T15:59:59Z')).toBe('2022-04-01');
    expect(formatDay('2022-04-01T16:00:00Z')).toBe('2022-04-02');
  });

  it('ignores the device time zone', () => {
    // `npm run test:unit` sets TZ to Los Angeles so that this test means something.
    expect(new Intl.DateTimeFormat().resolvedOptions().timeZone).not.toBe('Asia/Shanghai');
    const instant = Date.UTC(2022, 3, 2, 0, 0, 0);
    expect(formatDateTime(instant)).toBe('2022-04-02 08:00');
  });

  it('agrees with ICU’s Asia/Shanghai on instants spread over the years since 1992', () => {
    const icu = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    const from = Date.UTC(1992, 0, 1);
    const to = Date.UTC(2040, 0, 1);
    for (let step = 0; step <= 2000; step++) {
      // An irregular stride, so the samples land on every hour, minute and day of the month.
      const instant = from + Math.floor(((to - from) * step) / 2000) + step * 7_919_000;
      expect(formatDateTime(instant, true)).toBe(icu.format(instant));
    }
  });

  it('writes calendar days for each language', () => {
    expect(formatCalendarDay('2022-04-02', 'zh')).toBe('2022年4月2日');
    expect(formatCalendarDay('2022-04-02', 'en')).toBe('2 Apr 2022');
  });

  it('says how long ago in the coarsest useful unit', () => {
    const now = Date.UTC(2022, 3, 2, 12);
    expect(relativeAge(now - 30_000, now)).toEqual({ unit: 'justNow' });
    expect(relativeAge(now + 60_000, now)).toEqual({ unit: 'justNow' });
    expect(relativeAge(now - 5 * 60_000, now)).toEqual({ unit: 'minutes', n: 5 });
    expect(relativeAge(now - 3 * 3_600_000, now)).toEqual({ unit: 'hours', n: 3 });
    expect(relativeAge(now - 50 * 3_600_000, now)).toEqual({ unit: 'days', n: 2 });
  });

  it('says one day, two days in English and 1天前, 2天前 in Chinese', () => {
    expect(formatRelativeAge({ unit: 'days', n: 1 }, 'en')).toBe('1 day ago');
    expect(formatRelativeAge({ unit: 'days', n: 2 }, 'en')).toBe('2 days ago');
    expect(formatRelativeAge({ unit: 'days', n: 1 }, 'zh')).toBe('1天前');
    expect(formatRelativeAge({ unit: 'days', n: 2 }, 'zh')).toBe('2天前');
  });

  it('uses the singular for one minute and one hour, and Chinese words for each unit', () => {
    expect(formatRelativeAge({ unit: 'minutes', n: 1 }, 'en')).toBe('1 minute ago');
    expect(formatRelativeAge({ unit: 'minutes', n: 5 }, 'en')).toBe('5 minutes ago');
    expect(formatRelativeAge({ unit: 'hours', n: 1 }, 'en')).toBe('1 hour ago');
    expect(formatRelativeAge({ unit: 'minutes', n: 5 }, 'zh')).toBe('5分钟前');
    expect(formatRelativeAge({ unit: 'hours', n: 3 }, 'zh')).toBe('3小时前');
  });
});
