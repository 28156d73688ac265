import { describe, expect, it } from 'vitest';
import { readJpegInfo } from './jpeg.ts';
import { fakeJpeg } from '../../testing/images/jpeg.ts';

describe('readJpegInfo', () => {
  it('reads the frame size past other segments', () => {
    expect(readJpegInfo(fakeJpeg(640, 480))).toEqual({ width: 640, height: 480 });
  });

  it('refuses bytes that are not a JPEG', () => {
    expect(readJpegInfo(Buffer.from('\x89PNG\r\n\x1a\n0000000000'))).toBeNull();
    expect(readJpegInfo(new Uint8Array([0xff, 0xd8]))).toBeNull();
    expect(readJpegInfo(fakeJpeg(640, 480).subarray(0, 12))).toBeNull();
  });
});
