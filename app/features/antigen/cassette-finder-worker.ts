/**
 * Looks for the cassette and its window in live camera frames off the main thread, so the viewfinder and
 * the shutter button stay smooth. Receives a small frame's pixels, answers where the cassette lies
 * (core/antigen/strip-reader.ts `findCassetteWindow`, the reader's own first step) or null.
 */
import { findCassetteWindow, type Cassette } from '../../../core/antigen/strip-reader.ts';

// The app's compiler settings carry the DOM's types, not a worker's; this is the part of its scope used here.
const scope = self as unknown as { onmessage: ((event: MessageEvent<ImageData>) => void) | null; postMessage(message: Cassette | null): void };

scope.onmessage = (event) => {
  scope.postMessage(findCassetteWindow(event.data));
};
