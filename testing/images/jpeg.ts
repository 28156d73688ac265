import jpeg from 'jpeg-js';
import { randomScene, renderCassette } from './cassette-fixture.ts';
import type { Raster } from '../../core/antigen/raster.ts';

/**
 * The smallest byte string the server's JPEG check accepts: SOI, an APP0 segment, a baseline frame
 * header with the given size, EOI. Enough to test what the server reads; not a decodable picture.
 */
export function fakeJpeg(width: number, height: number, padding = 0): Buffer {
  const app0 = [0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00];
  const sof0 = [0xff, 0xc0, 0x00, 0x0b, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 0x01, 0x01, 0x11, 0x00];
  return Buffer.concat([Buffer.from([0xff, 0xd8, ...app0, ...sof0]), Buffer.alloc(padding), Buffer.from([0xff, 0xd9])]);
}

/** A decodable JPEG of a generated cassette photo: a new seed is a new photo, `lines` what its strip shows. */
export function cassetteJpeg(seed: number, lines = { control: 1, test: 0 }, size = { width: 300, height: 400 }): { bytes: Buffer; width: number; height: number } {
  const raster = renderCassette(randomScene(seed, { ...size, lines, blur: 0 }));
  return { bytes: encodeJpeg(raster, 85), ...size };
}

export function encodeJpeg(raster: Raster, quality: number): Buffer {
  return jpeg.encode({ width: raster.width, height: raster.height, data: raster.data }, quality).data;
}
