/**
 * Tesseract for the MRZ camera, every file from this origin: the worker script, the WebAssembly core (the
 * SIMD, LSTM-only build: every browser with Web Serial or a camera API worth using has SIMD) and the English
 * LSTM model. Imported with import() by the camera only, so none of it weighs on the panel's first load; the
 * service worker precaches them all, so a kiosk reads passports offline from its first visit on.
 */
import coreUrl from 'tesseract.js-core/tesseract-core-simd-lstm.wasm.js?url';
import workerUrl from 'tesseract.js/dist/worker.min.js?url';
import type { Worker } from 'tesseract.js';
import { mrzInitConfig, prepareMrzWorker } from './mrz-ocr.ts';

export async function createOcrWorker(): Promise<Worker> {
  const { createWorker, OEM } = await import('tesseract.js');
  // The model from this origin (/ocr/eng.traineddata.gz, scripts/build/ocr-model.ts), never a CDN, and no second
  // copy in IndexedDB: the service worker holds it already.
  const langPath = new URL('/ocr', window.location.origin).href;
  const worker = await createWorker('eng', OEM.LSTM_ONLY, { workerPath: workerUrl, corePath: coreUrl, langPath, workerBlobURL: false, cacheMethod: 'none', gzip: true }, mrzInitConfig);
  await prepareMrzWorker(worker);
  return worker;
}
