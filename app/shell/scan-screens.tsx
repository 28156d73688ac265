import { useEffect } from 'react';
import { loadFrameReader } from '../scanner/load-frame-reader.ts';
import { preloadable } from './preloadable.tsx';

// Place-code screens load on first use, keeping the panel's first load small; the service worker precaches them.
export const ScanPage = preloadable(() => import('../features/venue-scan/components/scan-page.tsx').then((m) => m.ScanPage));
export const CheckInResult = preloadable(() => import('../features/venue-scan/components/check-in-result.tsx').then((m) => m.CheckInResult));

/** How long a browser without requestIdleCallback (Safari) waits after the first paint instead. */
const noIdleCallbackDelayMs = 2000;

/**
 * Once the panel has painted and the main thread is idle, loads what 扫一扫 needs: the scan screen and
 * the result screen, the decoder's chunk and its .wasm (compiled, ready to read). Never in the initial
 * load, so the code on the panel is not slowed; a citizen who taps 扫一扫 a moment later finds it all ready.
 */
export function usePrefetchScanner() {
  useEffect(() => {
    let cancelled = false;
    const prefetch = () => {
      if (cancelled) return;
      // A failed prefetch costs nothing: each screen loads the same files again when it opens.
      void ScanPage.preload().catch(() => undefined);
      void CheckInResult.preload().catch(() => undefined);
      void loadFrameReader().catch(() => undefined);
    };
    // Safari has no requestIdleCallback, though the DOM types promise it everywhere.
    const idleApi: Partial<Pick<Window, 'requestIdleCallback'>> = window;
    // The frame after this one is painted; the idle callback waits past it for a quiet main thread.
    const frame = requestAnimationFrame(() => {
      if (idleApi.requestIdleCallback) idleApi.requestIdleCallback(prefetch);
      else window.setTimeout(prefetch, noIdleCallbackDelayMs);
    });
    return () => {
      cancelled = true;
      cancelAnimationFrame(frame);
    };
  }, []);
}
