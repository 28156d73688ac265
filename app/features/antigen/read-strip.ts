/**
 * The strip read in the browser as a second opinion, loaded with import() once a photo is chosen, so
 * neither this nor the reader is in the panel's first load. A worker reads it where there is one that
 * can draw (OffscreenCanvas); elsewhere the main thread does, on a canvas.
 */
import type { StripResult } from '../../../core/antigen/strip-reader.ts';
import type { ApprovedKit, CassetteTemplate } from '../../../core/contract/antigen.ts';
import { fitWithin } from './fit-within.ts';
import { stripReadSide } from './strip-read-size.ts';
import { workerCalls } from '../../ui/worker-calls.ts';

async function inWorker(photo: Blob, templates: CassetteTemplate[]): Promise<StripResult> {
  const worker = workerCalls<{ photo: Blob; templates: CassetteTemplate[] }, StripResult>(new Worker(new URL('./strip-worker.ts', import.meta.url), { type: 'module' }));
  try {
    return await worker.call({ photo, templates });
  } finally {
    worker.close();
  }
}

async function onMainThread(photo: Blob, templates: CassetteTemplate[]): Promise<StripResult> {
  const [{ readStripAgainst }, bitmap] = await Promise.all([import('../../../core/antigen/strip-reader.ts'), createImageBitmap(photo)]);
  const canvas = Object.assign(document.createElement('canvas'), fitWithin(bitmap.width, bitmap.height, stripReadSide));
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2d context');
  context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  return readStripAgainst(context.getImageData(0, 0, canvas.width, canvas.height), templates);
}

/**
 * What the strip in this photo shows, read against the scanned kit's template, or before a kit is scanned
 * against each approved kit's (agreeing readings only); "unreadable" when it cannot be read at all.
 */
export async function readStripInBrowser(photo: Blob, templates: CassetteTemplate[]): Promise<StripResult> {
  try {
    return typeof Worker === 'function' && typeof OffscreenCanvas === 'function' ? await inWorker(photo, templates) : await onMainThread(photo, templates);
  } catch {
    return { result: 'unreadable', control: null, test: null, reason: 'not-drawn', detail: 'the photo could not be drawn' };
  }
}

/** The templates to read a photo against: the scanned kit's, or before a kit is known each distinct one of the approved kits. */
export function candidateTemplates(known: ApprovedKit | undefined, kits: readonly ApprovedKit[] | undefined): CassetteTemplate[] {
  if (known) return known.template ? [known.template] : [];
  const seen = new Map<string, CassetteTemplate>();
  for (const kit of kits ?? []) if (kit.template && !seen.has(kit.template.make)) seen.set(kit.template.make, kit.template);
  return [...seen.values()];
}
