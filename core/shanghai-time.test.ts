import { describe, expect, it } from 'vitest';
import { instantToShanghaiLocal, shanghaiDay, shanghaiDayEnd, shanghaiDayStart, shanghaiLocalToInstant, shanghaiParts } from './shanghai-time.ts';

// The suite runs with TZ=America/Los_Angeles: nothing here may read the machine's zone.
describe('Shanghai time', () => {
  const lastSecondOfApril1 = Date.parse('2022-04-01T15:59:59.999Z');
  const midnightApril2 = Date.parse('2022-04-01T16:00:00.000Z');

  it('puts 23:59:59.999 and 00:00 in Shanghai on two different days', () => {
    expect(shanghaiDay(lastSecondOfApril1)).toBe('2022-04-01');
    expect(shanghaiDay(midnightApril2)).toBe('2022-04-02');
  });

  it('finds the midnight that began and the one that ends a Shanghai day', () => {
    expect(shanghaiDayStart(lastSecondOfApril1)).toBe(Date.parse('2022-03-31T16:00:00.000Z'));
    expect(shanghaiDayStart(midnightApril2)).toBe(midnightApril2);
    expect(shanghaiDayEnd(lastSecondOfApril1)).toBe(midnightApril2);
    expect(shanghaiDayEnd(midnightApril2)).toBe(Date.parse('2022-04-02T16:00:00.000Z'));
  });

  it('reads the wall clock as Shanghai shows it', () => {
    expect(shanghaiParts(midnightApril2)).toEqual({ year: '2022', month: '04', day: '02', hour: '00', minute: '00', second: '00' });
  });

  it('reads and writes datetime-local values as Shanghai time, refusing impossible ones', () => {
    expect(shanghaiLocalToInstant('2022-04-02T00:00')).toBe(midnightApril2);
    expect(instantToShanghaiLocal(midnightApril2)).toBe('2022-04-02T00:00');
    expect(shanghaiLocalToInstant('2022-02-30T08:00')).toBeNull();
    expect(shanghaiLocalToInstant('2022-04-02 08:00')).toBeNull();
  });
});
