import { encodeQr } from '../../core/qr/encode.ts';
import { quietZone, type ErrorCorrection, type QrShape } from './qr-shape.ts';

/**
 * Encodes text as a QR symbol (core/qr/encode.ts: one segment, alphanumeric when every character allows it, as
 * Base45 codes do, else bytes) and returns it as a single SVG path, so it can be drawn in any colour without innerHTML.
 */
export function qrShape(text: string, errorCorrection: ErrorCorrection = 'M'): QrShape {
  const { size, modules } = encodeQr(text, errorCorrection);
  let path = '';
  modules.forEach((row, y) => {
    let runStart = -1;
    for (let x = 0; x <= size; x++) {
      const dark = row[x] === true;
      if (dark && runStart < 0) runStart = x;
      if (!dark && runStart >= 0) {
        path += `M${runStart + quietZone} ${y + quietZone}h${x - runStart}v1h${runStart - x}z`;
        runStart = -1;
      }
    }
  });
  return { size, path };
}
