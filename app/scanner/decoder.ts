/**
 * The ZXing-C++ WebAssembly decoder, loaded from this origin. The library's default is to fetch its
 * .wasm from a CDN, which the CSP forbids and an offline phone cannot reach; `?url` makes Vite emit the
 * file as our own asset (and so into the service worker's precache).
 */
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';
import type { ReadCodes } from './qr-passes.ts';

let ready: Promise<void> | undefined;

/** Fetches, compiles and instantiates the decoder once; a failure is forgotten so the next call tries again. */
export function prepareDecoder(): Promise<void> {
  ready ??= (async () => {
    await prepareZXingModule({
      overrides: { locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? new URL(wasmUrl, location.href).href : prefix + path) },
      fireImmediately: true,
    });
  })().catch((error: unknown) => {
    ready = undefined;
    throw error;
  });
  return ready;
}

export const readCodes: ReadCodes = async (input, options) => {
  await prepareDecoder();
  return readBarcodes(input, options);
};
