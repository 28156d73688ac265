import { create } from 'qrcode';
import { quietZone, type ErrorCorrection, type QrShape } from './qr-shape.ts';

/** The 45 characters of alphanumeric mode, 5.5 bits each where byte mode spends 8: what Base45 codes are written in. */
const alphanumeric = /^[0-9A-Z $%*+\-./:]*$/;

/**
 * Encodes text as a QR symbol and returns it as a single SVG path, so it can be drawn in any colour without innerHTML.
 * The text goes in as one segment, alphanumeric when every character allows it, otherwise bytes: left to itself,
 * qrcode searches the cheapest mix of modes with a shortest-path walk over every character: most of the panel's
 * first long task, and for these codes it never gives a smaller symbol (docs/benchmarks-history.md).
 */
export function qrShape(text: string, errorCorrection: ErrorCorrection = 'M'): QrShape {
  const segment = alphanumeric.test(text) ? { data: text, mode: 'alphanumeric' as const } : { data: new TextEncoder().encode(text), mode: 'byte' as const };
  const { modules } = create([segment], { errorCorrectionLevel: errorCorrection });
  const { size } = modules;
  let path = '';
  for (let y = 0; y < size; y++) {
    let runStart = -1;
    for (let x = 0; x <= size; x++) {
      const dark = x < size && modules.get(y, x) === 1;
      if (dark && runStart < 0) runStart = x;
      if (!dark && runStart >= 0) {
        path += `M${runStart + quietZone} ${y + quietZone}h${x - runStart}v1h${runStart - x}z`;
        runStart = -1;
      }
    }
  }
  return { size, path };
}
