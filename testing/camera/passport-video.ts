/**
 * A camera's view of a passport page for Chromium's fake camera: the first fixture passport (demo citizen (g)'s)
 * drawn in OCR-B, slightly tilted and soft as a phone held over a desk sees it, written as a .y4m to play.
 */
import { createSceneRenderer } from '../mrz-scene.ts';
import { travelDocuments } from '../mrz-documents.ts';
import { rgbaToI420, writeScenesY4m } from './y4m.ts';

export async function writePassportY4m(path: string): Promise<void> {
  const passport = travelDocuments[0];
  if (!passport) throw new Error('fixture');
  const renderer = await createSceneRenderer();
  try {
    const frame = await renderer.render({ document: passport, frameWidth: 1280, frameHeight: 720, fill: 0.8, angle: 3, blur: 0.4, light: 1, seed: 7 });
    writeScenesY4m(path, [{ frame: rgbaToI420(frame.width, frame.height, frame.rgba), frames: 10 }]);
  } finally {
    await renderer.close();
  }
}
