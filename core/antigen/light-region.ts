/**
 * The largest region of light, nearly neutral pixels after white-balancing on the brightest: where both
 * strip readers find a cassette's white body. With its centre and second moments, which give its axis.
 */
import { percentile, type Plane } from './plane.ts';

export interface LightRegion {
  /** Pixel indices of the region. */
  members: number[];
  /** The mean colour of the brightest 3 % of the picture (the cassette's white plastic on these photos). */
  white: readonly [number, number, number];
  cx: number;
  cy: number;
  /** Second central moments per pixel. */
  xx: number;
  yy: number;
  xy: number;
}

/** `level`: the least mean of the balanced channels; `spread`: the most they may differ; `minShare`: the least share of the picture. */
export function largestLightRegion(plane: Plane, limits: { level: number; spread: number; minShare: number }): LightRegion | null {
  const { width, height, r, g, b } = plane;
  const total = width * height;
  const luma = new Float32Array(total);
  for (let index = 0; index < total; index += 1) luma[index] = 0.299 * (r[index] ?? 0) + 0.587 * (g[index] ?? 0) + 0.114 * (b[index] ?? 0);
  const bright = percentile(luma, 0.97);
  let wr = 0;
  let wg = 0;
  let wb = 0;
  let count = 0;
  for (let index = 0; index < total; index += 1) {
    if ((luma[index] ?? 0) < bright) continue;
    wr += r[index] ?? 0;
    wg += g[index] ?? 0;
    wb += b[index] ?? 0;
    count += 1;
  }
  if (count === 0 || bright < 40) return null;
  const white = [wr / count, wg / count, wb / count] as const;
  const mask = new Uint8Array(total);
  for (let index = 0; index < total; index += 1) {
    const nr = (r[index] ?? 0) / white[0];
    const ng = (g[index] ?? 0) / white[1];
    const nb = (b[index] ?? 0) / white[2];
    if ((nr + ng + nb) / 3 > limits.level && Math.max(nr, ng, nb) - Math.min(nr, ng, nb) < limits.spread) mask[index] = 1;
  }
  const members = largestComponent(mask, width);
  if (members.length < total * limits.minShare) return null;
  return { members, white, ...moments(members, width) };
}

/** The largest 4-connected component of the mask. */
function largestComponent(mask: Uint8Array, width: number): number[] {
  const total = mask.length;
  const label = new Uint8Array(total);
  let best: number[] = [];
  const stack: number[] = [];
  for (let start = 0; start < total; start += 1) {
    if (!mask[start] || label[start]) continue;
    const members: number[] = [];
    stack.push(start);
    label[start] = 1;
    while (stack.length > 0) {
      const at = stack.pop() ?? 0;
      members.push(at);
      const x = at % width;
      for (const next of [x > 0 ? at - 1 : -1, x < width - 1 ? at + 1 : -1, at - width, at + width]) {
        if (next < 0 || next >= total || !mask[next] || label[next]) continue;
        label[next] = 1;
        stack.push(next);
      }
    }
    if (members.length > best.length) best = members;
  }
  return best;
}

function moments(members: readonly number[], width: number): { cx: number; cy: number; xx: number; yy: number; xy: number } {
  let sx = 0;
  let sy = 0;
  for (const at of members) {
    sx += at % width;
    sy += Math.floor(at / width);
  }
  const cx = sx / members.length;
  const cy = sy / members.length;
  let xx = 0;
  let yy = 0;
  let xy = 0;
  for (const at of members) {
    const dx = (at % width) - cx;
    const dy = Math.floor(at / width) - cy;
    xx += dx * dx;
    yy += dy * dy;
    xy += dx * dy;
  }
  return { cx, cy, xx: xx / members.length, yy: yy / members.length, xy: xy / members.length };
}
