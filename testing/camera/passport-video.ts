/**
 * A camera's view of a passport page for Chromium's fake camera: by default the first fixture passport (demo
 * citizen (g)'s), drawn in OCR-B, slightly tilted and soft as a phone held over a desk sees it, written as a .y4m.
 */
import { createSceneRenderer } from '../mrz-scene.ts';
import { travelDocuments, type TravelDocument } from '../mrz-documents.ts';
import { rgbaToI420, writeScenesY4m } from './y4m.ts';

export async function writePassportY4m(path: string, passport: TravelDocument | undefined = travelDocuments[0], angles: readonly number[] = [3]): Promise<void> {
  if (!passport) throw new Error('fixture');
  const renderer = await createSceneRenderer();
  try {
    // One scene per angle, as a hand moves the page: the reader believes a read only when two frames agree.
    const scenes = [];
    for (const angle of angles) {
      const frame = await renderer.render({ document: passport, frameWidth: 1280, frameHeight: 720, fill: 0.8, angle, blur: 0.4, light: 1, seed: 7 });
      scenes.push({ frame: rgbaToI420(frame.width, frame.height, frame.rgba), frames: 10 });
    }
    writeScenesY4m(path, scenes);
  } finally {
    await renderer.close();
  }
}
