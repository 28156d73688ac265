/** A picture shrunk to a working size as three float channels, shared by the strip reader's steps. */
import type { Raster } from './raster.ts';

export interface Plane {
  width: number;
  height: number;
  r: Float32Array;
  g: Float32Array;
  b: Float32Array;
}

export function shrink(raster: Raster, maxSide: number): Plane {
  const scale = Math.min(1, maxSide / Math.max(raster.width, raster.height));
  const width = Math.max(1, Math.round(raster.width * scale));
  const height = Math.max(1, Math.round(raster.height * scale));
  const plane = { width, height, r: new Float32Array(width * height), g: new Float32Array(width * height), b: new Float32Array(width * height) };
  const counts = new Float32Array(width * height);
  for (let y = 0; y < raster.height; y += 1) {
    const ty = Math.min(height - 1, Math.floor(y * scale));
    for (let x = 0; x < raster.width; x += 1) {
      const target = ty * width + Math.min(width - 1, Math.floor(x * scale));
      const offset = (y * raster.width + x) * 4;
      plane.r[target] = (plane.r[target] ?? 0) + (raster.data[offset] ?? 0);
      plane.g[target] = (plane.g[target] ?? 0) + (raster.data[offset + 1] ?? 0);
      plane.b[target] = (plane.b[target] ?? 0) + (raster.data[offset + 2] ?? 0);
      counts[target] = (counts[target] ?? 0) + 1;
    }
  }
  for (let index = 0; index < counts.length; index += 1) {
    const count = counts[index] || 1;
    plane.r[index] = (plane.r[index] ?? 0) / count;
    plane.g[index] = (plane.g[index] ?? 0) / count;
    plane.b[index] = (plane.b[index] ?? 0) / count;
  }
  return plane;
}

export function percentile(values: ArrayLike<number>, share: number): number {
  const sorted = Array.from(values).sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))] ?? 0;
}

export function sampler(plane: Plane) {
  return (channel: Float32Array, x: number, y: number): number => {
    const fx = Math.min(plane.width - 1.001, Math.max(0, x));
    const fy = Math.min(plane.height - 1.001, Math.max(0, y));
    const x0 = Math.floor(fx);
    const y0 = Math.floor(fy);
    const tx = fx - x0;
    const ty = fy - y0;
    const at = (px: number, py: number) => channel[py * plane.width + px] ?? 0;
    return (at(x0, y0) * (1 - tx) + at(x0 + 1, y0) * tx) * (1 - ty) + (at(x0, y0 + 1) * (1 - tx) + at(x0 + 1, y0 + 1) * tx) * ty;
  };
}


/**
 * The projective map (3×3, row-major, last entry 1) taking the unit square's corners (0,0), (1,0), (1,1),
 * (0,1) to four points: how a flat rectangle looks from a phone held at a slant (Heckbert's closed form).
 */
export function squareToQuad(points: readonly (readonly [number, number])[]): number[] {
  const [[x0, y0], [x1, y1], [x2, y2], [x3, y3]] = points as [[number, number], [number, number], [number, number], [number, number]];
  const dx1 = x1 - x2;
  const dx2 = x3 - x2;
  const dy1 = y1 - y2;
  const dy2 = y3 - y2;
  const sx = x0 - x1 + x2 - x3;
  const sy = y0 - y1 + y2 - y3;
  const det = dx1 * dy2 - dx2 * dy1 || 1e-9;
  const g = (sx * dy2 - dx2 * sy) / det;
  const h = (dx1 * sy - sx * dy1) / det;
  return [x1 - x0 + g * x1, x3 - x0 + h * x3, x0, y1 - y0 + g * y1, y3 - y0 + h * y3, y0, g, h, 1];
}
