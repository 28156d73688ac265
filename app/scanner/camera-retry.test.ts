import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cameraRetryDelayMs, createCameraRetry } from './camera-retry.ts';

describe('cameraRetryDelayMs', () => {
  it('doubles from 1 s and stops growing at 30 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map(cameraRetryDelayMs)).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
  });
});

describe('createCameraRetry', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const make = () => {
    const restart = vi.fn();
    const retry = createCameraRetry({ restart, setTimer: (run, ms) => setTimeout(run, ms), clearTimer: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>) });
    return { restart, retry };
  };

  it('restarts after a failure with growing delays until the camera runs, then starts from 1 s again', () => {
    const { restart, retry } = make();
    retry.failed();
    vi.advanceTimersByTime(999);
    expect(restart).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(restart).toHaveBeenCalledTimes(1);
    retry.failed();
    vi.advanceTimersByTime(1999);
    expect(restart).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(restart).toHaveBeenCalledTimes(2);
    retry.running();
    retry.failed();
    vi.advanceTimersByTime(1000);
    expect(restart).toHaveBeenCalledTimes(3);
  });

  it('never schedules two restarts for one outage (an ended track and an error together)', () => {
    const { restart, retry } = make();
    retry.failed();
    retry.failed();
    vi.advanceTimersByTime(60_000);
    expect(restart).toHaveBeenCalledTimes(1);
    expect(retry.failures()).toBe(1);
  });

  it('retries at once when a camera is plugged in while waiting, and not when none is waiting', () => {
    const { restart, retry } = make();
    retry.deviceChanged();
    expect(restart).not.toHaveBeenCalled();
    for (let i = 0; i < 5; i++) {
      retry.failed();
      vi.advanceTimersByTime(cameraRetryDelayMs(i + 1));
    }
    expect(restart).toHaveBeenCalledTimes(5);
    retry.failed();
    retry.deviceChanged();
    expect(restart).toHaveBeenCalledTimes(6);
    vi.advanceTimersByTime(60_000);
    expect(restart).toHaveBeenCalledTimes(6);
  });

  it('does nothing after dispose', () => {
    const { restart, retry } = make();
    retry.failed();
    retry.dispose();
    vi.advanceTimersByTime(60_000);
    retry.failed();
    retry.deviceChanged();
    expect(restart).not.toHaveBeenCalled();
  });
});
