/**
 * Shrinks a cassette photo in the browser before it is stored or sent: longest side at most 1280 px,
 * JPEG, at most 300 KB. The original never leaves the phone. The size arithmetic and the quality
 * search are pure and tested; `resizePhoto` only adds the canvas.
 */
import { antigenLimits, type AntigenPhoto } from '../../../core/contract/antigen.ts';
import { fitWithin } from './fit-within.ts';

export type PhotoProblem = 'notImage' | 'corrupt' | 'tooLarge';

export class PhotoError extends Error {
  readonly problem: PhotoProblem;
  constructor(problem: PhotoProblem) {
    super(`photo ${problem}`);
    this.problem = problem;
  }
}

export type Encoder = (width: number, height: number, quality: number) => Promise<Blob>;

const qualities = [0.85, 0.75, 0.65, 0.55, 0.45];

/**
 * Encodes at falling quality, then at smaller sizes, until the JPEG fits `maxBytes`.
 * Gives up (tooLarge) rather than send something unreadable.
 */
export async function encodeUnderLimit(
  width: number,
  height: number,
  encode: Encoder,
  maxBytes: number = antigenLimits.photoMaxBytes,
): Promise<{ blob: Blob; width: number; height: number }> {
  for (const shrink of [1, 0.75, 0.5]) {
    const size = fitWithin(width * shrink, height * shrink, antigenLimits.photoMaxSide);
    for (const quality of qualities) {
      const blob = await encode(size.width, size.height, quality);
      if (blob.size <= maxBytes) return { blob, ...size };
    }
  }
  throw new PhotoError('tooLarge');
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export type ResizedPhoto = AntigenPhoto & { previewUrl: string };

/** A photo chosen from the album (or taken by the phone's own camera app through the file input). */
export async function resizePhoto(file: Blob): Promise<ResizedPhoto> {
  if (!file.type.startsWith('image/')) throw new PhotoError('notImage');
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    throw new PhotoError('corrupt');
  }
  return encodePhoto(bitmap);
}

/** A frame taken by the in-app camera, copied into a canvas: the same size and quality limits as a chosen photo. */
export async function resizeFrame(frame: HTMLCanvasElement): Promise<ResizedPhoto> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(frame);
  } catch {
    throw new PhotoError('corrupt');
  }
  return encodePhoto(bitmap);
}

async function encodePhoto(bitmap: ImageBitmap): Promise<ResizedPhoto> {
  const source = fitWithin(bitmap.width, bitmap.height, antigenLimits.photoMaxSide);
  const { blob, width, height } = await encodeUnderLimit(source.width, source.height, async (w, h, quality) => {
    const canvas = new OffscreenCanvas(w, h);
    const context = canvas.getContext('2d');
    if (!context) throw new PhotoError('corrupt');
    context.fillStyle = '#fff';
    context.fillRect(0, 0, w, h);
    context.drawImage(bitmap, 0, 0, w, h);
    return canvas.convertToBlob({ type: 'image/jpeg', quality });
  }).finally(() => {
    bitmap.close();
  });
  const bytes = new Uint8Array(await blob.arrayBuffer());
  return { type: 'image/jpeg', width, height, bytes: bytes.length, base64: toBase64(bytes), previewUrl: URL.createObjectURL(blob) };
}
