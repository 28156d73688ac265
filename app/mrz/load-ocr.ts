/**
 * Tesseract for the MRZ camera, every file from this origin: the worker script, the WebAssembly core (the
 * SIMD, LSTM-only build: every browser with Web Serial or a camera API worth using has SIMD) and the English
 * LSTM model. Imported with import() by the camera only, so none of it weighs on the panel's first load; the
 * service worker precaches them all, so a kiosk reads passports offline from its first visit on.
 */
import coreUrl from 'tesseract.js-core/tesseract-core-simd-lstm.wasm.js?url';
import workerUrl from 'tesseract.js/dist/worker.min.js?url';
import engUrl from '@tesseract.js-data/eng/4.0.0_best_int/eng.traineddata.gz?url';
import type { Worker } from 'tesseract.js';
import { mrzInitConfig, prepareMrzWorker } from './mrz-ocr.ts';

export async function createOcrWorker(): Promise<Worker> {
  const [{ createWorker, OEM }, model] = await Promise.all([
    import('tesseract.js'),
    fetch(engUrl).then((response) => {
      if (!response.ok) throw new Error(`model ${response.status}`);
      return response.arrayBuffer();
    }),
  ]);
  // The model is handed over as bytes: no second copy in IndexedDB (cacheMethod none), no CDN (langPath unused).
  const worker = await createWorker([{ code: 'eng', data: new Uint8Array(model) }], OEM.LSTM_ONLY, { workerPath: workerUrl, corePath: coreUrl, workerBlobURL: false, cacheMethod: 'none', gzip: true }, mrzInitConfig);
  await prepareMrzWorker(worker);
  return worker;
}
