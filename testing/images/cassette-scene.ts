/**
 * Generated cassette scenes for the journeys (testing/images/cassette-fixture.ts) that read as drawn on every
 * path the app takes: the strip reader says "cannot read" for a few generated scenes, mostly after the photo
 * is shrunk and made a JPEG (docs/benchmarks-antigen.md). These journeys test the flow, not the reader, so they only take a
 * scene whose strip reads as drawn, clear of the reader's thresholds, where the browser reads it (a JPEG of the
 * upload, drawn at 720 px) and where the server does (the JPEG itself), at each quality the browser may choose to
 * fit the upload's byte limit and however Chromium reads the camera's range (CI once failed on each of these).
 */
import { randomScene, renderCassette } from './cassette-fixture.ts';
import { resizeRaster, type Raster } from '../../core/antigen/raster.ts';
import { readStrip, stripThresholds } from '../../core/antigen/strip-reader.ts';
import { kitTemplates } from '../../core/antigen/kit-templates.ts';
import { antigenLimits } from '../../core/contract/antigen.ts';
import { decodeCassettePhoto } from '../../server/services/antigen-checks.ts';
import { encodeJpeg } from './jpeg.ts';
import { fitWithin } from '../../app/features/antigen/fit-within.ts';
import { stripReadSide } from '../../app/features/antigen/strip-read-size.ts';

export type Lines = { control: number; test: number };

const drawnReading = (lines: Lines) => (lines.control === 0 ? 'invalid' : lines.test > 0 ? 'positive' : 'negative');

function resizedWithin(raster: Raster, side: number): Raster {
  const size = fitWithin(raster.width, raster.height, side);
  return size.width === raster.width && size.height === raster.height ? raster : resizeRaster(raster, size.width, size.height);
}

/** The browser's encoder differs from jpeg-js: a spread of qualities stands in for it. */
const uploadQualities = [85, 70];

/**
 * Chromium may read a camera's YUV as limited or as full range, which squeezes or stretches the picture's
 * contrast: the scene must read as drawn either way.
 */
const rangeReadings: ((value: number) => number)[] = [(value) => value, (value) => 16 + (value * 219) / 255, (value) => ((value - 16) * 255) / 219];

function withRange(raster: Raster, map: (value: number) => number): Raster {
  const data = new Uint8ClampedArray(raster.data.length);
  for (let i = 0; i < data.length; i += 1) data[i] = i % 4 === 3 ? 255 : map(raster.data[i] ?? 0);
  return { width: raster.width, height: raster.height, data };
}

/** The reading as drawn, and clear of the thresholds where the reader stops saying (a negative's T far below testAbsent). */
function readsClearly(raster: Raster, lines: Lines): boolean {
  const reading = readStrip(raster, kitTemplates.generated);
  if (reading.result !== drawnReading(lines)) return false;
  if (reading.result === 'invalid') return true;
  const clearControl = (reading.control ?? 0) >= 2 * stripThresholds.controlPresent;
  return clearControl && (reading.result === 'negative' ? (reading.test ?? 1) <= stripThresholds.testAbsent / 2 : (reading.test ?? 0) >= 2 * stripThresholds.testPresent);
}

/** Whether the strip in `picture` (what the camera or the album gives the browser) reads as drawn on the browser and on the server. */
function readsAsDrawn(picture: Raster, lines: Lines): boolean {
  return rangeReadings.every((range) => {
    const upload = resizedWithin(withRange(picture, range), antigenLimits.photoMaxSide);
    return uploadQualities.every((quality) => {
      // Decoded as the server decodes an upload.
      const onServer = decodeCassettePhoto(encodeJpeg(upload, quality));
      return onServer !== null && readsClearly(onServer, lines) && readsClearly(resizedWithin(onServer, stripReadSide), lines);
    });
  });
}

/**
 * The first scene from `seed` that `make` accepts (it gives what the app will see of the picture, and what the
 * caller wants of it, or null) and whose strip reads as drawn in what the app sees. Other seeds step past the
 * 10,000,000 the callers' seeds span, so no two uploads can land on one scene.
 */
export function cassetteScene<T>(seed: number, lines: Lines, size: { width: number; height: number }, make: (picture: Raster & { data: Uint8ClampedArray }) => { seen: Raster; value: T } | null): T {
  for (let attempt = 0; attempt < 50; attempt++) {
    const picture = renderCassette(randomScene(seed + attempt * 10_000_000, { ...size, lines, blur: 0, angleRange: 0.1 }));
    const made = make(picture);
    if (made && readsAsDrawn(made.seen, lines)) return made.value;
  }
  throw new Error(`no generated scene from seed ${seed} reads as ${drawnReading(lines)}`);
}
