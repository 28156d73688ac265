/**
 * Reads the strip off the main thread: the whole photo is decoded, drawn smaller and walked pixel by
 * pixel, which on a phone takes longer than a frame. Receives the JPEG the form will upload, answers
 * with the strip reader's result (core/antigen/strip-reader.ts, the same code the server runs).
 */
import { readStripAgainst, type StripResult } from '../../../core/antigen/strip-reader.ts';
import type { CassetteTemplate } from '../../../core/contract/antigen.ts';
import { fitWithin } from './fit-within.ts';
import { stripReadSide } from './strip-read-size.ts';

// The app's compiler settings carry the DOM's types, not a worker's; this is the part of its scope used here.
const scope = self as unknown as { onmessage: ((event: MessageEvent<{ photo: Blob; templates: CassetteTemplate[] }>) => void) | null; postMessage(message: StripResult | { error: string }): void };

scope.onmessage = (event) => {
  void (async () => {
    try {
      const bitmap = await createImageBitmap(event.data.photo);
      const { width, height } = fitWithin(bitmap.width, bitmap.height, stripReadSide);
      const context = new OffscreenCanvas(width, height).getContext('2d');
      if (!context) throw new Error('no 2d context in the worker');
      context.drawImage(bitmap, 0, 0, width, height);
      bitmap.close();
      scope.postMessage(readStripAgainst(context.getImageData(0, 0, width, height), event.data.templates));
    } catch (error) {
      scope.postMessage({ error: error instanceof Error ? error.message : String(error) });
    }
  })();
};
