/**
 * QR shapes made in a worker (qr-worker.ts), for the panel's code, which is signed again every minute.
 * One worker for the page, started early (`startQrWorker`) so that it has loaded by the time the first
 * code is signed. Where no worker can run, or it fails, the main thread encodes, as before.
 */
import type { ErrorCorrection, QrShape } from './qr-shape.ts';
import type { QrAnswer, QrRequest } from './qr-worker.ts';

let worker: Worker | null | undefined;
let nextId = 0;
const waiting = new Map<number, { resolve: (shape: QrShape) => void; reject: (error: Error) => void }>();

function failAll(error: Error): void {
  worker?.terminate();
  worker = null;
  for (const { reject } of waiting.values()) reject(error);
  waiting.clear();
}

/** Starts the worker, if there can be one; later calls do nothing. */
export function startQrWorker(): void {
  if (worker !== undefined) return;
  try {
    worker = typeof Worker === 'function' ? new Worker(new URL('./qr-worker.ts', import.meta.url), { type: 'module' }) : null;
  } catch {
    worker = null;
  }
  if (!worker) return;
  worker.onmessage = ({ data }: MessageEvent<QrAnswer>) => {
    const pending = waiting.get(data.id);
    waiting.delete(data.id);
    if ('shape' in data) pending?.resolve(data.shape);
    else pending?.reject(new Error(data.error));
  };
  worker.onerror = (event) => {
    event.preventDefault();
    failAll(new Error(event.message || 'the QR worker failed'));
  };
}

async function onMainThread(text: string, errorCorrection: ErrorCorrection): Promise<QrShape> {
  return (await import('./qr-path.ts')).qrShape(text, errorCorrection);
}

/** The QR shape of `text`, made in the worker where there is one. */
export async function qrShapeOffThread(text: string, errorCorrection: ErrorCorrection = 'M'): Promise<QrShape> {
  startQrWorker();
  const running = worker;
  if (!running) return onMainThread(text, errorCorrection);
  const id = nextId++;
  const made = new Promise<QrShape>((resolve, reject) => waiting.set(id, { resolve, reject }));
  running.postMessage({ id, text, errorCorrection } satisfies QrRequest);
  return made.catch(() => onMainThread(text, errorCorrection));
}
