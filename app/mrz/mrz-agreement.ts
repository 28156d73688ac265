/**
 * A read is believed once two frames agree on it. Each frame's read passed its check digits already; a second,
 * independent frame that gives the same lines rules out the errors a 7-3-1 check digit cannot see (a letter
 * worth ten more than the digit it replaced). Reads older than `windowMs` are forgotten (another document).
 */
import type { MrzRead } from './mrz-text.ts';

export function createAgreement(windowMs = 8000) {
  let last: { key: string; at: number } | null = null;
  return {
    /** True when this read agrees with the one before it. */
    offer(read: MrzRead, at: number): boolean {
      const key = read.lines.join('\n');
      const agrees = last !== null && last.key === key && at - last.at <= windowMs;
      last = agrees ? null : { key, at };
      return agrees;
    },
    reset() {
      last = null;
    },
  };
}
