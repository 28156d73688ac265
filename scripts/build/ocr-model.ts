/**
 * Puts Tesseract's English model in the build at a fixed path, /ocr/eng.traineddata.gz: tesseract.js asks for
 * `<langPath>/eng.traineddata.gz` by that name, so it cannot live under a hashed name in /assets. The dev
 * server answers the same path from node_modules. The service worker precaches it (vite.config.ts).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Plugin } from 'vite';

export const ocrModelPath = 'ocr/eng.traineddata.gz';

function modelBytes(): Buffer {
  const require = createRequire(import.meta.url);
  return readFileSync(require.resolve('@tesseract.js-data/eng/4.0.0_best_int/eng.traineddata.gz'));
}

export function ocrModel(): Plugin {
  return {
    name: 'suishen-ocr-model',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: ocrModelPath, source: modelBytes() });
    },
    configureServer(server) {
      server.middlewares.use(`/${ocrModelPath}`, (_request, response) => {
        response.setHeader('Content-Type', 'application/gzip');
        response.end(modelBytes());
      });
    },
  };
}
