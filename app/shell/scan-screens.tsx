import { useCallback, useEffect, useRef } from 'react';
import { loadFrameReader } from '../scanner/load-frame-reader.ts';
import { preloadable } from './preloadable.tsx';

// Place-code screens load on first use, keeping the panel's first load small; the service worker precaches them.
export const ScanPage = preloadable(() => import('../features/venue-scan/components/scan-page.tsx').then((m) => m.ScanPage));
export const CheckInResult = preloadable(() => import('../features/venue-scan/components/check-in-result.tsx').then((m) => m.CheckInResult));

/** How long a browser without requestIdleCallback (Safari) waits after the first paint instead. */
const noIdleCallbackDelayMs = 2000;

/**
 * Once the code is on the panel and the main thread is idle, loads what 扫一扫 needs: the scan screen and
 * the result screen, the decoder's chunk and its .wasm (compiled, ready to read). Never in the initial
 * load, and never while the code is still being signed and drawn: the panel is mounted well before its
 * code (device key and signature are asynchronous), and a prefetch started in that idle wait added its
 * script evaluation and stylesheet links to the tasks before the QR (scripts/bench/profile-panel.ts). A citizen
 * who taps 扫一扫 a moment later finds it all ready. Gives back the function to call once the code is shown.
 */
export function usePrefetchScanner(): () => void {
  const scheduled = useRef<{ frame: number; cancelled: boolean } | null>(null);
  useEffect(
    () => () => {
      if (!scheduled.current) return;
      scheduled.current.cancelled = true;
      cancelAnimationFrame(scheduled.current.frame);
    },
    [],
  );
  return useCallback(() => {
    if (scheduled.current) return;
    const state = { frame: 0, cancelled: false };
    const prefetch = () => {
      if (state.cancelled) return;
      // A failed prefetch costs nothing: each screen loads the same files again when it opens.
      void ScanPage.preload().catch(() => undefined);
      void CheckInResult.preload().catch(() => undefined);
      void loadFrameReader().catch(() => undefined);
    };
    // Safari has no requestIdleCallback, though the DOM types promise it everywhere.
    const idleApi: Partial<Pick<Window, 'requestIdleCallback'>> = window;
    // The frame after this one is painted; the idle callback waits past it for a quiet main thread.
    state.frame = requestAnimationFrame(() => {
      if (idleApi.requestIdleCallback) idleApi.requestIdleCallback(prefetch);
      else window.setTimeout(prefetch, noIdleCallbackDelayMs);
    });
    scheduled.current = state;
  }, []);
}
