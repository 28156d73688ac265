/** Draws a PNG pixel by pixel (the app icons, test photos) and leaves the encoding to pngjs. */
import { PNG } from 'pngjs';

export type Rgba = readonly [number, number, number, number];

/** Encodes `width × height` RGBA pixels, asking `pixel(x, y)` for each one. */
export function encodePng(width: number, height: number, pixel: (x: number, y: number) => Rgba): Buffer {
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) png.data.set(pixel(x, y), (y * width + x) * 4);
  }
  return PNG.sync.write(png);
}
