/**
 * The fake camera for the antigen journeys: the kit's GS1 DataMatrix on its pouch for two seconds, then a
 * cassette lying on the table for three, looping, in one .y4m (Chromium takes one fake camera file per
 * launch). The cassette scene is generated (testing/images/cassette-fixture.ts) and chosen in Node so that,
 * after the trip through YUV 4:2:0 a camera frame makes, the strip reads as drawn (./cassette-scene.ts) and
 * the app's rule for taking the photo by itself is met: the journeys test the flow, the reader has its own
 * benchmark.
 */
import type { Udi } from '../../core/gs1.ts';
import { findCassetteWindow } from '../../core/antigen/strip-reader.ts';
import { judgeFraming } from '../../app/features/antigen/cassette-framing.ts';
import { cassetteScene, type Lines } from '../images/cassette-scene.ts';
import { gs1Symbol, symbolLuma } from '../images/gs1-barcode.ts';
import { i420ToRgba, lumaFrame, rgbaToI420, writeScenesY4m, type I420Frame } from './y4m.ts';

/** A phone held upright: a portrait frame. */
export const cameraSize = { width: 600, height: 800 } as const;

/** A cassette showing `lines` as the camera sees it, steady enough for the app to take it; each seed a scene of its own (the server refuses a photo it has seen). */
export function cassetteFrame(seed: number, lines: Lines): I420Frame {
  const { width, height } = cameraSize;
  return cassetteScene(seed, lines, cameraSize, (picture) => {
    const frame = rgbaToI420(width, height, picture.data);
    const seen = { width, height, data: i420ToRgba(frame) };
    const cassette = findCassetteWindow(seen);
    const sightings = [0, 300, 600].map((at) => ({ at, frame: cameraSize, cassette }));
    return judgeFraming(sightings) === 'steady' ? { seen, value: frame } : null;
  });
}

/** Writes the looping video: the kit's barcode, then the cassette. */
export async function writeKitThenCassetteY4m(path: string, udi: Udi, cassette: { seed: number; lines: Lines }): Promise<void> {
  const { width, height } = cameraSize;
  const barcode = lumaFrame(width, height, symbolLuma(await gs1Symbol(udi, 'DataMatrix'), width, height, 12, undefined, 2));
  writeScenesY4m(path, [
    { frame: barcode, frames: 20 },
    { frame: cassetteFrame(cassette.seed, cassette.lines), frames: 30 },
  ]);
}
