/**
 * Draws the app icons into public/: a white QR-like mark on the brand blue. The maskable icon keeps
 * the mark inside the central 80 % safe zone so launchers may crop it to any shape.
 * Run with `npx tsx scripts/build/make-icons.ts`; the PNGs are committed.
 */
import { writeFileSync } from 'node:fs';
import { encodePng, type Rgba } from '../../testing/images/png.ts';

const brand: Rgba = [0x1a, 0x66, 0xd6, 255];
const white: Rgba = [255, 255, 255, 255];
const green: Rgba = [0x0b, 0x7f, 0x3a, 255];

/** A 7×7 grid like a QR finder pattern with a green centre: recognisable at 48 px. */
const mark = ['1111111', '1000001', '1022201', '1022201', '1022201', '1000001', '1111111'];

function icon(size: number, markShare: number): Buffer {
  const markSize = size * markShare;
  const origin = (size - markSize) / 2;
  return encodePng(size, size, (x, y) => {
    const gx = Math.floor(((x - origin) / markSize) * 7);
    const gy = Math.floor(((y - origin) / markSize) * 7);
    const cell = mark[gy]?.[gx];
    if (cell === '1') return white;
    if (cell === '2') return green;
    return brand;
  });
}

writeFileSync('public/icon-192.png', icon(192, 0.62));
writeFileSync('public/icon-512.png', icon(512, 0.62));
writeFileSync('public/icon-maskable-512.png', icon(512, 0.5));
