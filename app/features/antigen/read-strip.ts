/**
 * The strip read in the browser as a second opinion, loaded with import() once a photo is chosen, so
 * neither this nor the reader is in the panel's first load. A worker reads it where there is one that
 * can draw (OffscreenCanvas); elsewhere the main thread does, on a canvas.
 */
import type { StripResult } from '../../../core/antigen/strip-reader.ts';
import type { CassetteTemplate } from '../../../core/contract/antigen.ts';
import { fitWithin } from './fit-within.ts';
import { stripReadSide } from './strip-read-size.ts';

function inWorker(photo: Blob, template: CassetteTemplate | undefined): Promise<StripResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./strip-worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<StripResult | { error: string }>) => {
      worker.terminate();
      if ('error' in event.data) reject(new Error(event.data.error));
      else resolve(event.data);
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(event.message));
    };
    worker.postMessage({ photo, template });
  });
}

async function onMainThread(photo: Blob, template: CassetteTemplate | undefined): Promise<StripResult> {
  const [{ readStrip }, bitmap] = await Promise.all([import('../../../core/antigen/strip-reader.ts'), createImageBitmap(photo)]);
  const canvas = Object.assign(document.createElement('canvas'), fitWithin(bitmap.width, bitmap.height, stripReadSide));
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2d context');
  context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  return readStrip(context.getImageData(0, 0, canvas.width, canvas.height), template);
}

/** What the strip in this photo shows, read against the scanned kit's template when known; "unreadable" when it cannot be read at all. */
export async function readStripInBrowser(photo: Blob, template?: CassetteTemplate): Promise<StripResult> {
  try {
    return typeof Worker === 'function' && typeof OffscreenCanvas === 'function' ? await inWorker(photo, template) : await onMainThread(photo, template);
  } catch {
    return { result: 'unreadable', control: null, test: null, reason: 'the photo could not be drawn' };
  }
}
