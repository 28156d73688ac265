import { useEffect } from 'react';

/**
 * Keeps the screen on while a screen read at arm's length is open (the traveller check, the 数字哨兵 kiosk),
 * where the browser allows it: a dimmed phone costs the queue time. The lock drops when the page hides, so it
 * is asked for again on return.
 */
export function useWakeLock(): void {
  useEffect(() => {
    if (!('wakeLock' in navigator)) return;
    let sentinel: WakeLockSentinel | null = null;
    let closed = false;
    const acquire = () => {
      if (document.visibilityState !== 'visible') return;
      navigator.wakeLock.request('screen').then(
        (lock) => {
          if (closed) void lock.release();
          else sentinel = lock;
        },
        // Refused (battery saver, no user gesture yet): the screen simply may dim.
        () => undefined,
      );
    };
    acquire();
    document.addEventListener('visibilitychange', acquire);
    return () => {
      closed = true;
      document.removeEventListener('visibilitychange', acquire);
      void sentinel?.release();
    };
  }, []);
}
