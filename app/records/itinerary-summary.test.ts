import { describe, expect, it } from 'vitest';
import type { ItineraryStop } from '../../core/contract/records.ts';
import { recentCities, recentStops } from './itinerary-summary.ts';

function stop(id: string, city: string, date: string, risk = false): ItineraryStop {
  return { id, city, date, risk };
}

/** 2022-04-02 12:00 in Shanghai: today is 2022-04-02, the window starts 2022-03-20. */
const noonShanghai = Date.parse('2022-04-02T04:00:00Z');

describe('recentStops', () => {
  it('keeps today and the 13 previous Shanghai days, and drops day 14 ago', () => {
    const stops = [
      stop('today', '上海', '2022-04-02'),
      stop('d13', '杭州', '2022-03-20'),
      stop('d14', '苏州', '2022-03-19'),
      stop('d20', '南京', '2022-03-13'),
    ];
    expect(recentStops(stops, noonShanghai).map((s) => s.id)).toEqual(['today', 'd13']);
  });

  it('uses the Shanghai day even when it is still the previous day in UTC', () => {
    // 2022-04-02T16:30Z is 2022-04-03 00:30 in Shanghai: today is 04-03, window is 03-21..04-03.
    const now = Date.parse('2022-04-02T16:30:00Z');
    const stops = [
      stop('today', '上海', '2022-04-03'),
      stop('d13', '杭州', '2022-03-21'),
      stop('d14', '苏州', '2022-03-20'),
    ];
    expect(recentStops(stops, now).map((s) => s.id)).toEqual(['today', 'd13']);
  });

  it('uses the Shanghai day just before midnight Shanghai time', () => {
    // 2022-04-02T15:59:59Z is 2022-04-02 23:59:59 in Shanghai: window is still 03-20..04-02.
    const now = Date.parse('2022-04-02T15:59:59Z');
    const stops = [stop('d13', '杭州', '2022-03-20'), stop('d14', '苏州', '2022-03-19')];
    expect(recentStops(stops, now).map((s) => s.id)).toEqual(['d13']);
  });

  it('sorts newest first without touching the input', () => {
    const input = [stop('a', '上海', '2022-03-25'), stop('b', '杭州', '2022-04-01'), stop('c', '苏州', '2022-03-28')];
    expect(recentStops(input, noonShanghai).map((s) => s.id)).toEqual(['b', 'c', 'a']);
    expect(input.map((s) => s.id)).toEqual(['a', 'b', 'c']);
  });

  it('is empty for no stops', () => {
    expect(recentStops([], noonShanghai)).toEqual([]);
  });
});

describe('recentCities', () => {
  it('lists a city visited twice once, newest first', () => {
    const stops = [
      stop('1', '上海', '2022-03-22'),
      stop('2', '杭州', '2022-03-25'),
      stop('3', '上海', '2022-03-30'),
      stop('4', '苏州', '2022-03-28'),
    ];
    expect(recentCities(stops, noonShanghai)).toEqual([
      { city: '上海', risk: false },
      { city: '苏州', risk: false },
      { city: '杭州', risk: false },
    ]);
  });

  it('flags a city as risk if any visit to it was risky, whichever visit it was', () => {
    const riskyOlder = [stop('1', '上海', '2022-03-30', false), stop('2', '上海', '2022-03-22', true), stop('3', '杭州', '2022-03-25')];
    expect(recentCities(riskyOlder, noonShanghai)).toEqual([
      { city: '上海', risk: true },
      { city: '杭州', risk: false },
    ]);
    const riskyNewer = [stop('1', '上海', '2022-03-30', true), stop('2', '上海', '2022-03-22', false)];
    expect(recentCities(riskyNewer, noonShanghai)).toEqual([{ city: '上海', risk: true }]);
  });

  it('ignores risk from a visit outside the window', () => {
    const stops = [stop('1', '上海', '2022-03-30', false), stop('2', '上海', '2022-03-19', true), stop('3', '武汉', '2022-03-01', true)];
    expect(recentCities(stops, noonShanghai)).toEqual([{ city: '上海', risk: false }]);
  });

  it('is empty for no stops', () => {
    expect(recentCities([], noonShanghai)).toEqual([]);
  });
});
