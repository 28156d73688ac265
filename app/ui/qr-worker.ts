/**
 * Encodes QR codes off the main thread: choosing the mask runs the QR encoder over the whole symbol eight
 * times, which on a phone's cold start was a long task of its own right before the code was painted
 * (profile:panel, ~90 ms at 4× CPU slowdown). Receives `{ id, text, errorCorrection }`, answers `{ id, shape }`.
 */
import { qrShape } from './qr-path.ts';
import type { ErrorCorrection, QrShape } from './qr-shape.ts';

export interface QrRequest {
  id: number;
  text: string;
  errorCorrection: ErrorCorrection;
}
export type QrAnswer = { id: number; shape: QrShape } | { id: number; error: string };

// The app's compiler settings carry the DOM's types, not a worker's; this is the part of its scope used here.
const scope = self as unknown as { onmessage: ((event: MessageEvent<QrRequest>) => void) | null; postMessage(message: QrAnswer): void };

scope.onmessage = ({ data: { id, text, errorCorrection } }) => {
  try {
    scope.postMessage({ id, shape: qrShape(text, errorCorrection) });
  } catch (error) {
    scope.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
};
