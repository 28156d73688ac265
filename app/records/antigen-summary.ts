import { antigenCounts, type AntigenTest } from '../../core/contract/antigen.ts';

const freshForMs = 24 * 60 * 60 * 1000;

export type AntigenSummary =
  | { kind: 'none' }
  | { kind: 'fresh-negative'; test: AntigenTest }
  | { kind: 'positive'; test: AntigenTest }
  | { kind: 'stale'; test: AntigenTest };

/** Newest first, as the 抗原 tab lists them. */
export function sortAntigenTests(tests: readonly AntigenTest[]): AntigenTest[] {
  return [...tests].sort((a, b) => Date.parse(b.testedAt) - Date.parse(a.testedAt));
}

/**
 * What the 抗原 summary line says: a positive newer than any negative must be seen; otherwise whether a
 * negative from the last 24 hours exists. Invalid results count for nothing, nor does a negative
 * self-test waiting for review (the tab still lists it, marked 待复核).
 */
export function summariseAntigen(tests: readonly AntigenTest[], now: number): AntigenSummary {
  const decisive = sortAntigenTests(tests).filter((test) => test.result !== 'invalid' && antigenCounts(test));
  const latest = decisive[0];
  if (!latest) return { kind: 'none' };
  if (latest.result === 'positive') return { kind: 'positive', test: latest };
  const age = now - Date.parse(latest.testedAt);
  return age <= freshForMs ? { kind: 'fresh-negative', test: latest } : { kind: 'stale', test: latest };
}
