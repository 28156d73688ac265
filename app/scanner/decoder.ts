/**
 * The ZXing-C++ WebAssembly BarcodeDetector, loaded from this origin. The polyfill's default is to
 * fetch its .wasm from a CDN, which the CSP forbids and an offline phone cannot reach; `?url` makes
 * Vite emit the file as our own asset (and so into the service worker's precache).
 */
import { BarcodeDetector as ZXingBarcodeDetector, prepareZXingModule } from 'barcode-detector/ponyfill';
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';

export type Detector = Pick<ZXingBarcodeDetector, 'detect'>;

let ready: Promise<void> | undefined;

/** Loads the decoder once and registers it as `BarcodeDetector` where the browser has none (Chromium on Linux, Firefox, Safari). */
export function prepareDecoder(): Promise<void> {
  ready ??= (async () => {
    await prepareZXingModule({
      overrides: { locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? new URL(wasmUrl, location.href).href : prefix + path) },
      fireImmediately: true,
    });
    if (!('BarcodeDetector' in globalThis)) {
      Object.defineProperty(globalThis, 'BarcodeDetector', { value: ZXingBarcodeDetector, configurable: true, writable: true });
    }
  })().catch((error: unknown) => {
    ready = undefined;
    throw error;
  });
  return ready;
}

/** A QR detector over the WebAssembly decoder, the same on every browser so a photo reads alike everywhere. */
export async function qrDetector(): Promise<Detector> {
  await prepareDecoder();
  return new ZXingBarcodeDetector({ formats: ['qr_code'] });
}
