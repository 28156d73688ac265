/**
 * Keeps a camera that must run all day (the 数字哨兵 kiosk) coming back by itself: after a failed start or a
 * track that ended (unplugged, taken by another app, the OS stopped it), it tries again after a growing
 * delay, at once when a camera is plugged in (`devicechange`), and never two starts at a time.
 * Timers are passed in so the policy is tested without waiting.
 */

/** Wait before retry number `failures` (1-based): 1 s, 2 s, 4 s … capped at 30 s, so a replugged camera is back soon. */
export function cameraRetryDelayMs(failures: number): number {
  return Math.min(1000 * 2 ** Math.max(0, failures - 1), 30_000);
}

export interface CameraRetryDeps {
  /** Starts the camera again (a new attempt). */
  restart: () => void;
  setTimer: (run: () => void, ms: number) => unknown;
  clearTimer: (timer: unknown) => void;
}

export interface CameraRetry {
  /** The camera failed to start, or its track ended: retry after the next delay. */
  failed(): void;
  /** Frames are coming: the next failure starts from the shortest delay again. */
  running(): void;
  /** A camera appeared: if one is waiting to retry, retry now. */
  deviceChanged(): void;
  /** Failures since the camera last ran. */
  failures(): number;
  dispose(): void;
}

export function createCameraRetry(deps: CameraRetryDeps): CameraRetry {
  let failures = 0;
  let timer: unknown = null;
  let disposed = false;
  const fire = () => {
    timer = null;
    if (!disposed) deps.restart();
  };
  return {
    failed() {
      if (disposed || timer !== null) return;
      failures += 1;
      timer = deps.setTimer(fire, cameraRetryDelayMs(failures));
    },
    running() {
      failures = 0;
    },
    deviceChanged() {
      if (disposed || timer === null) return;
      deps.clearTimer(timer);
      fire();
    },
    failures: () => failures,
    dispose() {
      disposed = true;
      if (timer !== null) deps.clearTimer(timer);
      timer = null;
    },
  };
}
