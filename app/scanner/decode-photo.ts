/**
 * Reading a QR from a photo, loaded with import() only when the citizen picks one. ZXing-C++ reads
 * the file as it is, in up to four passes with different options (./qr-passes.ts); html5-qrcode's own
 * decoder (zxing-js) is the last try, and the only one when the WebAssembly cannot load.
 */
import { Html5Qrcode, Html5QrcodeSupportedFormats } from 'html5-qrcode';
import { describeRejection } from './camera-error.ts';
import { readCodes } from './decoder.ts';
import { readPhotoCodes } from './qr-passes.ts';

export type PhotoDecode = { ok: true; text: string } | { ok: false; reason: 'no-code' | 'unreadable'; detail: string };

/**
 * The photo's code, preferring one that `wanted` accepts when the photo holds several. An empty text
 * counts as nothing found.
 */
export async function decodeImageFile(file: File, wanted: (text: string) => boolean): Promise<PhotoDecode> {
  try {
    const [text] = await readPhotoCodes(readCodes, file, wanted);
    if (text !== undefined) return { ok: true, text };
  } catch {
    // The decoder could not load or could not read this file: html5-qrcode's decoder gets its turn.
  }

  const host = document.createElement('div');
  host.id = `photo-decoder-${crypto.randomUUID()}`;
  host.hidden = true;
  document.body.append(host);
  try {
    const scanner = new Html5Qrcode(host.id, { verbose: false, formatsToSupport: [Html5QrcodeSupportedFormats.QR_CODE] });
    const result = await scanner.scanFileV2(file, false);
    return result.decodedText === '' ? { ok: false, reason: 'no-code', detail: 'empty result' } : { ok: true, text: result.decodedText };
  } catch (error) {
    const detail = describeRejection(error);
    // html5-qrcode rejects with a bare Event when the browser cannot load the file as an image at all.
    return { ok: false, reason: error instanceof Event ? 'unreadable' : 'no-code', detail };
  } finally {
    host.remove();
  }
}
