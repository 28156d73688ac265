/**
 * Encodes QR codes off the main thread: choosing the mask runs the QR encoder over the whole symbol eight
 * times, a long task of its own right before the code is painted on a phone's cold start.
 */
import { qrShape } from './qr-path.ts';
import type { ErrorCorrection, QrShape } from './qr-shape.ts';
import { answerCalls } from './worker-answers.ts';

export interface QrRequest {
  text: string;
  errorCorrection: ErrorCorrection;
}

answerCalls<QrRequest, QrShape>(({ text, errorCorrection }) => qrShape(text, errorCorrection));
