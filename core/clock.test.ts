import { describe, expect, it } from 'vitest';
import { clockToleranceMs, measuredClock, offsetFromDate, reckonNow } from './clock.ts';

const real = Date.parse('2022-04-02T10:00:00+08:00');
const hour = 3_600_000;

describe('offsetFromDate', () => {
  it('reads a clock 2 h behind or ahead from the Date header, to within its one-second resolution', () => {
    const header = new Date(real).toUTCString();
    expect(Math.abs((offsetFromDate(header, real - 2 * hour - 100, real - 2 * hour + 100) ?? 0) - 2 * hour)).toBeLessThanOrEqual(1000);
    expect(Math.abs((offsetFromDate(header, real + 2 * hour - 100, real + 2 * hour + 100) ?? 0) + 2 * hour)).toBeLessThanOrEqual(1000);
  });

  it('ignores an answer with no date, a garbled date, or a round trip that ran backwards', () => {
    expect(offsetFromDate(null, real, real)).toBeNull();
    expect(offsetFromDate('yesterday', real, real)).toBeNull();
    expect(offsetFromDate(new Date(real).toUTCString(), real + 10, real)).toBeNull();
  });
});

describe('reckonNow', () => {
  it('corrects a clock that was already 2 h off when last online, in both directions', () => {
    for (const skew of [2 * hour, -2 * hour]) {
      const state = measuredClock(-skew, real - hour + skew);
      const reckoned = reckonNow(state, real + skew);
      expect(reckoned.ok && reckoned.now).toBe(real);
    }
  });

  it('cannot judge once the clock is set back 2 h after the device was last online or last judged', () => {
    const state = measuredClock(0, real - hour);
    expect(reckonNow(state, real - 2 * hour).ok).toBe(false);
    const judged = reckonNow(measuredClock(0, real - 5 * hour), real);
    expect(judged.ok).toBe(true);
    expect(reckonNow(judged.state, real - 2 * hour)).toEqual({ ok: false, state: judged.state });
    // A second's jitter back is no reason to stop judging.
    expect(reckonNow(judged.state, real - clockToleranceMs).ok).toBe(true);
  });

  it('judges by the local clock when it was never online, and a measurement online starts afresh', () => {
    expect(reckonNow(null, real)).toMatchObject({ ok: true, now: real });
    const setBack = reckonNow(measuredClock(0, real), real - 2 * hour);
    expect(setBack.ok).toBe(false);
    const online = measuredClock(2 * hour, real - 2 * hour);
    expect(reckonNow(online, real - 2 * hour)).toMatchObject({ ok: true, now: real });
  });
});
