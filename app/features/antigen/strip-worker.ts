/**
 * Reads the strip off the main thread: the whole photo is decoded, drawn smaller and walked pixel by
 * pixel, which on a phone takes longer than a frame. Receives the JPEG the form will upload, answers
 * with the strip reader's result (core/antigen/strip-reader.ts, the same code the server runs).
 */
import { readStripAgainst, type StripResult } from '../../../core/antigen/strip-reader.ts';
import type { CassetteTemplate } from '../../../core/contract/antigen.ts';
import { answerCalls } from '../../ui/worker-answers.ts';
import { fitWithin } from './fit-within.ts';
import { stripReadSide } from './strip-read-size.ts';

answerCalls<{ photo: Blob; templates: CassetteTemplate[] }, StripResult>(async ({ photo, templates }) => {
  const bitmap = await createImageBitmap(photo);
  const { width, height } = fitWithin(bitmap.width, bitmap.height, stripReadSide);
  const context = new OffscreenCanvas(width, height).getContext('2d');
  if (!context) throw new Error('no 2d context in the worker');
  context.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  return readStripAgainst(context.getImageData(0, 0, width, height), templates);
});
