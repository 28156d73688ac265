import { describe, expect, it } from 'vitest';
import type { AntigenTest } from '../../core/contract/antigen.ts';
import { sortAntigenTests, summariseAntigen } from './antigen-summary.ts';

const hour = 60 * 60 * 1000;
const now = Date.parse('2022-04-02T04:00:00.000Z'); // 12:00 in Shanghai

function antigen(id: string, hoursAgo: number, result: AntigenTest['result']): AntigenTest {
  return { id, testedAt: new Date(now - hoursAgo * hour).toISOString(), result, kit: '万孚', lot: 'W2022031', trust: 'self-verified' };
}

describe('summariseAntigen', () => {
  it('says none when there are no tests', () => {
    expect(summariseAntigen([], now)).toEqual({ kind: 'none' });
  });

  it('says none when every test is invalid', () => {
    expect(summariseAntigen([antigen('a', 1, 'invalid'), antigen('b', 2, 'invalid')], now)).toEqual({ kind: 'none' });
  });

  it('is a fresh negative within 24 h, including exactly 24 h', () => {
    const recent = antigen('recent', 3, 'negative');
    expect(summariseAntigen([recent], now)).toEqual({ kind: 'fresh-negative', test: recent });
    const boundary = antigen('boundary', 24, 'negative');
    expect(summariseAntigen([boundary], now)).toEqual({ kind: 'fresh-negative', test: boundary });
  });

  it('is stale one second after 24 h', () => {
    const test: AntigenTest = { ...antigen('old', 24, 'negative'), testedAt: new Date(now - 24 * hour - 1000).toISOString() };
    expect(summariseAntigen([test], now)).toEqual({ kind: 'stale', test });
    const older = antigen('older', 72, 'negative');
    expect(summariseAntigen([older], now)).toEqual({ kind: 'stale', test: older });
  });

  it('reports a newest positive over an older negative, whatever the order given', () => {
    const negative = antigen('neg', 10, 'negative');
    const positive = antigen('pos', 2, 'positive');
    expect(summariseAntigen([negative, positive], now)).toEqual({ kind: 'positive', test: positive });
    expect(summariseAntigen([positive, negative], now)).toEqual({ kind: 'positive', test: positive });
  });

  it('reports a fresh negative that is newer than an older positive', () => {
    const positive = antigen('pos', 20, 'positive');
    const negative = antigen('neg', 2, 'negative');
    expect(summariseAntigen([positive, negative], now)).toEqual({ kind: 'fresh-negative', test: negative });
  });

  it('ignores an invalid newest result in favour of the older decisive one', () => {
    const negative = antigen('neg', 5, 'negative');
    const invalid = antigen('inv', 1, 'invalid');
    expect(summariseAntigen([invalid, negative], now)).toEqual({ kind: 'fresh-negative', test: negative });
    expect(summariseAntigen([negative, invalid], now)).toEqual({ kind: 'fresh-negative', test: negative });

    const positive = antigen('pos', 5, 'positive');
    expect(summariseAntigen([invalid, positive], now)).toEqual({ kind: 'positive', test: positive });

    const staleNegative = antigen('stale', 30, 'negative');
    expect(summariseAntigen([invalid, staleNegative], now)).toEqual({ kind: 'stale', test: staleNegative });
  });

  it('compares +08:00 and Z times as instants', () => {
    // 11:00+08:00 is 03:00Z, one hour BEFORE the negative at 04:00Z, although it sorts after as text.
    const positive: AntigenTest = { id: 'pos', testedAt: '2022-04-02T11:00:00+08:00', result: 'positive', kit: 'k', lot: 'l', trust: 'self-verified' };
    const negative: AntigenTest = { id: 'neg', testedAt: '2022-04-02T04:00:00Z', result: 'negative', kit: 'k', lot: 'l', trust: 'self-verified' };
    expect(summariseAntigen([positive, negative], now)).toEqual({ kind: 'fresh-negative', test: negative });
  });
});

describe('summariseAntigen and review', () => {
  it('does not count a negative self-test waiting for review, but always a positive one', () => {
    const waiting: AntigenTest = { ...antigen('w', 1, 'negative'), trust: 'self-review' };
    const older = antigen('o', 30, 'negative');
    expect(summariseAntigen([waiting, older], now)).toEqual({ kind: 'stale', test: older });
    const positive: AntigenTest = { ...antigen('p', 1, 'positive'), trust: 'self-review' };
    expect(summariseAntigen([positive, older], now)).toEqual({ kind: 'positive', test: positive });
  });
});

describe('sortAntigenTests', () => {
  it('sorts newest first without touching the input', () => {
    const a = antigen('a', 30, 'negative');
    const b = antigen('b', 1, 'invalid');
    const c = antigen('c', 10, 'positive');
    const input = [a, b, c];
    expect(sortAntigenTests(input).map((t) => t.id)).toEqual(['b', 'c', 'a']);
    expect(input.map((t) => t.id)).toEqual(['a', 'b', 'c']);
  });

  it('sorts by instant across offsets', () => {
    const early: AntigenTest = { id: 'early', testedAt: '2022-04-02T07:00:00+08:00', result: 'negative', kit: 'k', lot: 'l', trust: 'self-verified' };
    const late: AntigenTest = { id: 'late', testedAt: '2022-04-02T00:00:00Z', result: 'negative', kit: 'k', lot: 'l', trust: 'self-verified' };
    expect(sortAntigenTests([early, late]).map((t) => t.id)).toEqual(['late', 'early']);
  });

  it('returns an empty list for no tests', () => {
    expect(sortAntigenTests([])).toEqual([]);
  });
});
