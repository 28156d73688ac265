/**
 * The generated set the photo-hash threshold is chosen on: distinct cassette photos as a phone uploads
 * them (JPEG), each with the altered copies a person makes of a photo to upload it again. Shared by
 * `npm run bench:antigen` (the full set) and the unit test of the threshold (a small slice of it).
 */
import jpeg from 'jpeg-js';
import { adjustRaster, cropRaster, randomScene, renderCassette, screenshotRaster } from './cassette-fixture.ts';
import { seededRandom } from '../../core/seeded-random.ts';
import { resizeRaster, type Raster } from '../../core/antigen/raster.ts';
import { encodeJpeg } from './jpeg.ts';

export function decodeJpeg(bytes: Uint8Array): Raster {
  return jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true });
}

export interface AlteredCopy {
  kind: string;
  jpeg: Buffer;
}

/**
 * The photo as first uploaded: the app sends a JPEG at quality 85 (smaller than the app's 1280 px, to keep
 * the run short). Each seed is another maker's kit too, placed, lit and shot differently.
 */
export function originalPhoto(seed: number): Buffer {
  return encodeJpeg(renderCassette(randomScene(seed, { width: 360, height: 480, varyDesign: true })), 85);
}

export type StripClass = 'negative' | 'faint positive' | 'positive' | 'invalid';

/** A cassette photo of a known class for the strip reader, light, angle, blur and colour cast varied by the seed. */
export function stripScene(kind: StripClass, seed: number) {
  const random = seededRandom(seed * 104729 + 3);
  const test = { negative: 0, 'faint positive': 0.04 + random() * 0.08, positive: 0.12 + random() * 0.88, invalid: random() < 0.5 ? 0 : 0.2 + random() * 0.8 }[kind];
  const control = kind === 'invalid' ? 0 : 0.35 + random() * 0.65;
  return randomScene(seed, { width: 360, height: 480, lines: { control, test }, blur: Math.floor(random() * 4) });
}

/** Six copies of the same photo as people make them, each saved again as JPEG. */
export function alteredCopies(original: Buffer, seed: number): AlteredCopy[] {
  const random = seededRandom(seed * 7919 + 1);
  const picture = decodeJpeg(original);
  const share = () => 0.02 + random() * 0.03;
  return [
    { kind: 're-compressed (quality 40)', jpeg: encodeJpeg(picture, 40) },
    { kind: 'rescaled to 55 %', jpeg: encodeJpeg(resizeRaster(picture, Math.round(picture.width * 0.55), Math.round(picture.height * 0.55)), 80) },
    { kind: 'cropped 2–5 % a side', jpeg: encodeJpeg(cropRaster(picture, { left: share(), top: share(), right: share(), bottom: share() }), 80) },
    { kind: 'brighter, more contrast', jpeg: encodeJpeg(adjustRaster(picture, 30, 1.2), 80) },
    { kind: 'darker, less contrast', jpeg: encodeJpeg(adjustRaster(picture, -35, 0.85), 80) },
    {
      kind: 'screenshot (rescaled, bars, status bar)',
      jpeg: encodeJpeg(screenshotRaster(picture, { width: 390, height: 844, dark: random() < 0.5, seed }), 80),
    },
  ];
}
