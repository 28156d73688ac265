/// <reference types="vite-plugin-pwa/vanillajs" />
/**
 * Registers the Workbox service worker (built by vite-plugin-pwa) and publishes whether a new build is
 * waiting. The new build takes over only when the user says so (`applyUpdate`): a silent reload in the
 * middle of a check at a door would be worse than running the old build a little longer. The outbox
 * lives in IndexedDB, which an update does not touch, so a queued record survives it.
 */
import { registerSW } from 'virtual:pwa-register';

let needRefresh = false;
let update: ((reload?: boolean) => Promise<void>) | undefined;
const listeners = new Set<() => void>();

export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  update = registerSW({
    immediate: true,
    onNeedRefresh() {
      needRefresh = true;
      listeners.forEach((listener) => {
        listener();
      });
    },
  });
}

export function subscribeUpdate(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export const updateWaiting = (): boolean => needRefresh;

/** Activates the waiting build and reloads into it. */
export function applyUpdate(): void {
  void update?.(true);
}

/** Asks the browser not to evict this origin's storage under pressure; the answer is only a hint. */
export async function requestPersistentStorage(): Promise<boolean> {
  try {
    return (await navigator.storage.persisted()) || (await navigator.storage.persist());
  } catch {
    return false;
  }
}
