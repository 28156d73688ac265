import { describe, expect, it } from 'vitest';
import { addOutcome, hourOf, isExpired, keptHours, summarise } from './hourly-counts.ts';

const hour = 60 * 60 * 1000;
// 2022-04-06 09:30 in Shanghai (01:30 UTC).
const t0 = Date.parse('2022-04-06T01:30:00Z');

describe('hourly counts', () => {
  it('adds passes and fails to the hour they happened in, starting a new hour at its first outcome', () => {
    let count = addOutcome(undefined, t0, 'pass');
    count = addOutcome(count, t0 + 10 * 60_000, 'fail');
    count = addOutcome(count, t0 + 20 * 60_000, 'pass');
    expect(count).toEqual({ hour: Date.parse('2022-04-06T01:00:00Z'), pass: 2, fail: 1 });
    expect(addOutcome(count, t0 + hour, 'fail')).toEqual({ hour: Date.parse('2022-04-06T02:00:00Z'), pass: 0, fail: 1 });
  });

  it('sums the Shanghai day (from local midnight, 16:00 UTC) and the current hour', () => {
    const counts = [
      { hour: Date.parse('2022-04-05T15:00:00Z'), pass: 50, fail: 5 }, // 23:00 the day before in Shanghai
      { hour: Date.parse('2022-04-05T16:00:00Z'), pass: 3, fail: 1 }, // 00:00
      { hour: hourOf(t0), pass: 7, fail: 2 },
    ];
    expect(summarise(counts, t0)).toEqual({ hour: counts[2], day: { pass: 10, fail: 3 } });
    expect(summarise([], t0).hour).toEqual({ hour: hourOf(t0), pass: 0, fail: 0 });
  });

  it('keeps a week of hours', () => {
    expect(isExpired({ hour: hourOf(t0) - keptHours * hour, pass: 1, fail: 0 }, t0)).toBe(false);
    expect(isExpired({ hour: hourOf(t0) - (keptHours + 1) * hour, pass: 1, fail: 0 }, t0)).toBe(true);
  });
});
