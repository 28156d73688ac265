import { describe, expect, it } from 'vitest';
import type { PcrTest } from '../../core/contract/records.ts';
import { newestPcr, pcrTier, summarisePcr } from './pcr-summary.ts';

const second = 1000;
const hour = 60 * 60 * second;
const day = 24 * hour;

/** Sampled 2022-04-02 08:00 in Shanghai. */
const sampledAt = '2022-04-02T00:00:00.000Z';
const sampled = Date.parse(sampledAt);

function pcr(overrides: Partial<PcrTest> & Pick<PcrTest, 'id' | 'sampledAt'>): PcrTest {
  return { reportedAt: null, result: 'negative', institution: '上海市第一人民医院', ...overrides };
}

describe('pcrTier', () => {
  it('is 24h just after sampling and at exactly 24 h', () => {
    expect(pcrTier(sampledAt, sampled)).toBe('24h');
    expect(pcrTier(sampledAt, sampled + 23 * hour)).toBe('24h');
    expect(pcrTier(sampledAt, sampled + 24 * hour)).toBe('24h');
  });

  it('moves to 48h one second after 24 h', () => {
    expect(pcrTier(sampledAt, sampled + 24 * hour + second)).toBe('48h');
  });

  it('is 48h at 47:59:59 and at exactly 48 h', () => {
    expect(pcrTier(sampledAt, sampled + 48 * hour - second)).toBe('48h');
    expect(pcrTier(sampledAt, sampled + 48 * hour)).toBe('48h');
  });

  it('moves to 72h at 48:00:01', () => {
    expect(pcrTier(sampledAt, sampled + 48 * hour + second)).toBe('72h');
  });

  it('is 72h at exactly 72 h and 7d one second later', () => {
    expect(pcrTier(sampledAt, sampled + 72 * hour)).toBe('72h');
    expect(pcrTier(sampledAt, sampled + 72 * hour + second)).toBe('7d');
  });

  it('is 7d at exactly 7 days and over7d one second later', () => {
    expect(pcrTier(sampledAt, sampled + 7 * day)).toBe('7d');
    expect(pcrTier(sampledAt, sampled + 7 * day + second)).toBe('over7d');
  });

  it('is over7d for much older tests', () => {
    expect(pcrTier(sampledAt, sampled + 30 * day)).toBe('over7d');
  });

  it('treats a sampling time in the future (clock skew) as 24h', () => {
    expect(pcrTier(sampledAt, sampled - 5 * 60 * second)).toBe('24h');
    expect(pcrTier(sampledAt, sampled - 3 * day)).toBe('24h');
  });

  it('honours the offset of the sampling time', () => {
    // 2022-04-02T08:00+08:00 is the same instant as 2022-04-02T00:00Z.
    expect(pcrTier('2022-04-02T08:00:00+08:00', sampled + 48 * hour)).toBe('48h');
    expect(pcrTier('2022-04-02T08:00:00+08:00', sampled + 48 * hour + second)).toBe('72h');
  });

  it('counts from sampling time, not report time', () => {
    // Sampled 60 h ago, reported 10 h ago: the summary must say 72h, not 24h.
    const now = sampled + 60 * hour;
    const test = pcr({ id: 'late-report', sampledAt, reportedAt: new Date(now - 10 * hour).toISOString() });
    expect(summarisePcr([test], now)).toEqual({ kind: 'result', tier: '72h', result: 'negative', test });
  });
});

describe('summarisePcr', () => {
  const now = sampled + 10 * hour;

  it('says none when there are no tests', () => {
    expect(summarisePcr([], now)).toEqual({ kind: 'none' });
    expect(newestPcr([])).toBeUndefined();
  });

  it('picks the newest by sampling time even when it is listed last', () => {
    const old = pcr({ id: 'old', sampledAt: new Date(sampled - 3 * day).toISOString() });
    const middle = pcr({ id: 'middle', sampledAt: new Date(sampled - 30 * hour).toISOString() });
    const newest = pcr({ id: 'newest', sampledAt });
    const summary = summarisePcr([old, middle, newest], now);
    expect(summary).toEqual({ kind: 'result', tier: '24h', result: 'negative', test: newest });
    expect(newestPcr([middle, newest, old])).toBe(newest);
  });

  it('ranks by sampling time, not by report time', () => {
    // The earlier-sampled test was reported later; the later-sampled one still wins.
    const earlierSampledLateReport = pcr({
      id: 'a',
      sampledAt: new Date(sampled - 2 * day).toISOString(),
      reportedAt: new Date(sampled + 5 * hour).toISOString(),
    });
    const laterSampledEarlyReport = pcr({ id: 'b', sampledAt, reportedAt: new Date(sampled + 2 * hour).toISOString() });
    expect(newestPcr([laterSampledEarlyReport, earlierSampledLateReport])).toBe(laterSampledEarlyReport);
  });

  it('reports a positive that is newer than a negative', () => {
    const negative = pcr({ id: 'neg', sampledAt: new Date(sampled - day).toISOString(), result: 'negative' });
    const positive = pcr({ id: 'pos', sampledAt, result: 'positive' });
    expect(summarisePcr([positive, negative], now)).toEqual({ kind: 'result', tier: '24h', result: 'positive', test: positive });
    expect(summarisePcr([negative, positive], now)).toEqual({ kind: 'result', tier: '24h', result: 'positive', test: positive });
  });

  it('reports a negative that is newer than a positive', () => {
    const positive = pcr({ id: 'pos', sampledAt: new Date(sampled - day).toISOString(), result: 'positive' });
    const negative = pcr({ id: 'neg', sampledAt, result: 'negative' });
    expect(summarisePcr([negative, positive], now)).toMatchObject({ kind: 'result', result: 'negative', test: negative });
  });

  it('compares +08:00 and Z times as instants, not as strings', () => {
    // 2022-04-02T07:00+08:00 is 2022-04-01T23:00Z: one hour BEFORE 2022-04-02T00:00Z, though it sorts after as text.
    const shanghaiOffset = pcr({ id: 'offset', sampledAt: '2022-04-02T07:00:00+08:00', result: 'positive' });
    const utc = pcr({ id: 'utc', sampledAt: '2022-04-02T00:00:00Z', result: 'negative' });
    expect(newestPcr([utc, shanghaiOffset])).toBe(utc);
    expect(newestPcr([shanghaiOffset, utc])).toBe(utc);
    expect(summarisePcr([shanghaiOffset, utc], now)).toMatchObject({ result: 'negative', test: utc });

    // And the other way round: 2022-04-02T09:00+08:00 is 01:00Z, one hour AFTER 00:00Z.
    const laterOffset = pcr({ id: 'later', sampledAt: '2022-04-02T09:00:00+08:00', result: 'positive' });
    expect(newestPcr([laterOffset, utc])).toBe(laterOffset);
    expect(newestPcr([utc, laterOffset])).toBe(laterOffset);
  });

  it('gives the tier of the newest test', () => {
    const test = pcr({ id: 'a', sampledAt });
    expect(summarisePcr([test], sampled + 50 * hour)).toMatchObject({ tier: '72h' });
    expect(summarisePcr([test], sampled + 8 * day)).toMatchObject({ tier: 'over7d' });
  });
});
