import type { PcrTest } from '../../core/contract/records.ts';

const hour = 60 * 60 * 1000;

export type PcrTier = '24h' | '48h' | '72h' | '7d' | 'over7d';

const tierLimits: readonly [PcrTier, number][] = [
  ['24h', 24 * hour],
  ['48h', 48 * hour],
  ['72h', 72 * hour],
  ['7d', 7 * 24 * hour],
];

/** The tier of a test counted from its sampling time, as 随申码 counts it; exactly 48 h is still 48小时. */
export function pcrTier(sampledAt: string, now: number): PcrTier {
  const age = Math.max(0, now - Date.parse(sampledAt));
  return tierLimits.find(([, limit]) => age <= limit)?.[0] ?? 'over7d';
}

export type PcrSummary = { kind: 'none' } | { kind: 'result'; tier: PcrTier; result: PcrTest['result']; test: PcrTest };

/** The freshest test by sampling time decides the summary: a newer positive outweighs an older negative. */
export function summarisePcr(tests: readonly PcrTest[], now: number): PcrSummary {
  const latest = newestPcr(tests);
  if (!latest) return { kind: 'none' };
  return { kind: 'result', tier: pcrTier(latest.sampledAt, now), result: latest.result, test: latest };
}

export function newestPcr(tests: readonly PcrTest[]): PcrTest | undefined {
  return tests.reduce<PcrTest | undefined>(
    (newest, test) => (!newest || Date.parse(test.sampledAt) > Date.parse(newest.sampledAt) ? test : newest),
    undefined,
  );
}
