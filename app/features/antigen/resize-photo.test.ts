import { describe, expect, it } from 'vitest';
import { antigenLimits } from '../../../core/contract/antigen.ts';
import { fitWithin } from './fit-within.ts';
import { encodeUnderLimit, PhotoError, resizePhoto } from './resize-photo.ts';

describe('fitWithin', () => {
  it('scales the longest side down to 1280 and never up', () => {
    expect(fitWithin(4000, 3000, antigenLimits.photoMaxSide)).toEqual({ width: 1280, height: 960 });
    expect(fitWithin(1500, 6000, antigenLimits.photoMaxSide)).toEqual({ width: 320, height: 1280 });
    expect(fitWithin(800, 600, antigenLimits.photoMaxSide)).toEqual({ width: 800, height: 600 });
    expect(fitWithin(5000, 1, antigenLimits.photoMaxSide)).toEqual({ width: 1280, height: 1 });
  });
});

describe('encodeUnderLimit', () => {
  /** A stand-in encoder whose output shrinks with quality and pixel count, like JPEG's. */
  const encoder = (bytesPerPixel: number) => (width: number, height: number, quality: number) =>
    Promise.resolve(new Blob([new Uint8Array(Math.round(width * height * bytesPerPixel * quality))]));

  it('keeps full size when lowering quality is enough', async () => {
    const result = await encodeUnderLimit(1280, 960, encoder(0.4));
    expect(result).toMatchObject({ width: 1280, height: 960 });
    expect(result.blob.size).toBeLessThanOrEqual(300 * 1024);
  });

  it('shrinks the picture when quality alone cannot reach 300 KB', async () => {
    const result = await encodeUnderLimit(1280, 960, encoder(1.2));
    expect(result.width).toBeLessThan(1280);
    expect(result.blob.size).toBeLessThanOrEqual(300 * 1024);
  });

  it('gives up with tooLarge rather than send an unreadable picture', async () => {
    await expect(encodeUnderLimit(1280, 960, encoder(20))).rejects.toEqual(new PhotoError('tooLarge'));
  });
});

describe('resizePhoto', () => {
  it('refuses a file that is not an image before decoding it', async () => {
    await expect(resizePhoto(new Blob(['hello'], { type: 'text/plain' }))).rejects.toMatchObject({ problem: 'notImage' });
  });
});
