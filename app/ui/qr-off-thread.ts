/**
 * QR shapes made in a worker (qr-worker.ts), for the panel's code, which is signed again every minute.
 * One worker for the page, started early (`startQrWorker`) so that it has loaded by the time the first
 * code is signed. Where no worker can run, or it fails, the main thread encodes.
 */
import { qrShape } from './qr-path.ts';
import type { ErrorCorrection, QrShape } from './qr-shape.ts';
import type { QrRequest } from './qr-worker.ts';
import { workerCalls, type WorkerCalls } from './worker-calls.ts';

let worker: WorkerCalls<QrRequest, QrShape> | null | undefined;

/** Starts the worker, if there can be one; later calls do nothing. */
export function startQrWorker(): void {
  if (worker !== undefined) return;
  try {
    worker = typeof Worker === 'function' ? workerCalls(new Worker(new URL('./qr-worker.ts', import.meta.url), { type: 'module' })) : null;
  } catch {
    worker = null;
  }
}

// The encoder is imported statically: the boot module has loaded it before the app anyway, and a dynamic
// import made the bundler give the boot chunk a namespace object and its 0.7 KB runtime.
function onMainThread(text: string, errorCorrection: ErrorCorrection): Promise<QrShape> {
  return Promise.resolve(qrShape(text, errorCorrection));
}

/** The QR shape of `text`, made in the worker where there is one. */
export async function qrShapeOffThread(text: string, errorCorrection: ErrorCorrection = 'M'): Promise<QrShape> {
  startQrWorker();
  if (!worker) return onMainThread(text, errorCorrection);
  return worker.call({ text, errorCorrection }).catch(() => onMainThread(text, errorCorrection));
}
