/**
 * A perceptual hash of a cassette photo, so that the same photo uploaded again is recognised after what
 * people do to it: re-compression, rescaling, cropping a few per cent, brightness, a screenshot.
 *
 * The photo is turned grey, flat bars around it (the frame of a screenshot, a status bar) are trimmed, the
 * rest is cropped to a box around the object, averaged down to 32×32, and its lowest 12×12 DCT frequencies
 * compared with their median: 144 bits that follow the picture's layout of light and dark rather than its pixels.
 * Brightness and contrast shift every coefficient alike and leave the signs; small crops and rescaling
 * move only the finer frequencies. The distance threshold is chosen by `npm run bench:antigen`.
 */
import type { Raster } from '../../core/antigen/raster.ts';
import { resamplePlane, toGrey } from '../../core/antigen/raster.ts';

/**
 * Photos whose hashes differ in at most this many of their 144 bits are the same photo. Chosen so that no
 * two of the 200 distinct generated photos match (BENCHMARKS.md, "Reused antigen photos": the nearest
 * two are 9 apart): refusing an honest photo is worse than missing a reused one, which a reviewer may
 * still catch. Cropped copies are the weak spot at this threshold.
 */
export const photoHashThreshold = 8;
/** Length of a hash in hex digits. */
export const photoHashLength = 36;

const side = 32;
const kept = 12;

/**
 * A row or column counts as frame when nearly all of it is within a few levels of the frame colour.
 * Frames are a viewer's black or white, so only those are trimmed: a photo's own plain table is not.
 */
function isFrameLine(grey: Float32Array, start: number, step: number, count: number, reference: number): boolean {
  if (reference > 24 && reference < 231) return false;
  let matching = 0;
  for (let index = 0; index < count; index += 1) if (Math.abs((grey[start + index * step] ?? 0) - reference) <= 8) matching += 1;
  return matching >= count * 0.97;
}

/** The box left after trimming frame from each side, never more than a third of the picture per side. */
export function contentBox(grey: Float32Array, width: number, height: number): { x0: number; y0: number; x1: number; y1: number } {
  const corner = (x: number, y: number) => grey[y * width + x] ?? 0;
  let y0 = 0;
  let y1 = height;
  let x0 = 0;
  let x1 = width;
  const top = corner(Math.floor(width / 2), 0);
  while (y0 < height / 3 && isFrameLine(grey, y0 * width, 1, width, top)) y0 += 1;
  const bottom = corner(Math.floor(width / 2), height - 1);
  while (height - y1 < height / 3 && isFrameLine(grey, (y1 - 1) * width, 1, width, bottom)) y1 -= 1;
  const left = corner(0, Math.floor(height / 2));
  while (x0 < width / 3 && isFrameLine(grey, x0, width, height, left)) x0 += 1;
  const right = corner(width - 1, Math.floor(height / 2));
  while (width - x1 < width / 3 && isFrameLine(grey, x1 - 1, width, height, right)) x1 -= 1;
  return trimStatusBars(grey, width, { x0, y0, x1, y1 });
}

/**
 * A screenshot's status bar is the frame colour with a clock and icons in it, so it is not flat: after
 * the flat frame, skip a band at the top or bottom that is mostly (≥ 70 %) the frame colour and then
 * flat frame again.
 */
function trimStatusBars(grey: Float32Array, width: number, box: { x0: number; y0: number; x1: number; y1: number }) {
  const share = (y: number, reference: number) => {
    let matching = 0;
    for (let x = box.x0; x < box.x1; x += 1) if (Math.abs((grey[y * width + x] ?? 0) - reference) <= 8) matching += 1;
    return matching / Math.max(1, box.x1 - box.x0);
  };
  const height = box.y1 - box.y0;
  const limit = Math.round(height / 3);
  const trimFrom = (edge: 'top' | 'bottom') => {
    const at = (index: number) => (edge === 'top' ? box.y0 + index : box.y1 - 1 - index);
    const reference = grey[at(0) * width + box.x0] ?? 0;
    if (reference > 24 && reference < 231) return 0;
    let index = 0;
    while (index < limit && share(at(index), reference) >= 0.7) index += 1;
    // Only a band that ends in flat frame is a status bar; otherwise it was picture.
    if (index === 0 || index >= limit) return 0;
    let flat = index;
    while (flat > 0 && share(at(flat - 1), reference) < 0.97) flat -= 1;
    return flat > 0 ? index : 0;
  };
  return { ...box, y0: box.y0 + trimFrom('top'), y1: box.y1 - trimFrom('bottom') };
}

type Box = { x0: number; y0: number; x1: number; y1: number };

/** Otsu's threshold: the level that best splits a histogram into two classes. */
function otsu(values: Float32Array): number {
  const histogram = new Float64Array(256);
  for (const value of values) {
    const level = Math.min(255, Math.max(0, Math.round(value)));
    histogram[level] = (histogram[level] ?? 0) + 1;
  }
  const total = values.length;
  let sumAll = 0;
  for (let level = 0; level < 256; level += 1) sumAll += level * (histogram[level] ?? 0);
  let below = 0;
  let sumBelow = 0;
  let best = 0;
  let threshold = 128;
  for (let level = 0; level < 256; level += 1) {
    below += histogram[level] ?? 0;
    if (below === 0 || below === total) continue;
    sumBelow += level * (histogram[level] ?? 0);
    const meanBelow = sumBelow / below;
    const meanAbove = (sumAll - sumBelow) / (total - below);
    const between = below * (total - below) * (meanBelow - meanAbove) ** 2;
    if (between > best) {
      best = between;
      threshold = level;
    }
  }
  return threshold;
}

/**
 * The normalised crop: a box around the object (the cassette) found as the light/dark class that touches
 * the picture's edges least, from its centroid and spread. A copy cropped by a few per cent still holds
 * the whole object, so its box covers the same part of the scene and the hash barely moves.
 */
function objectBox(grey: Float32Array, width: number, content: Box): Box {
  const grid = 64;
  const small = resamplePlane(grey, width, content, grid, grid);
  const threshold = otsu(small);
  let brightEdge = 0;
  let darkEdge = 0;
  for (let index = 0; index < grid; index += 1) {
    for (const cell of [index, (grid - 1) * grid + index, index * grid, index * grid + grid - 1]) {
      if ((small[cell] ?? 0) > threshold) brightEdge += 1;
      else darkEdge += 1;
    }
  }
  const objectIsBright = brightEdge <= darkEdge;
  let count = 0;
  let sumX = 0;
  let sumY = 0;
  let sumXX = 0;
  let sumYY = 0;
  for (let y = 0; y < grid; y += 1) {
    for (let x = 0; x < grid; x += 1) {
      if ((small[y * grid + x] ?? 0) > threshold !== objectIsBright) continue;
      count += 1;
      sumX += x;
      sumY += y;
      sumXX += x * x;
      sumYY += y * y;
    }
  }
  if (count < grid) return content;
  const spread = 2.8;
  const meanX = sumX / count;
  const meanY = sumY / count;
  const halfX = spread * Math.sqrt(Math.max(1, sumXX / count - meanX * meanX));
  const halfY = spread * Math.sqrt(Math.max(1, sumYY / count - meanY * meanY));
  const scaleX = (content.x1 - content.x0) / grid;
  const scaleY = (content.y1 - content.y0) / grid;
  return {
    x0: content.x0 + Math.max(0, (meanX - halfX) * scaleX),
    x1: content.x0 + Math.min(grid, meanX + halfX + 1) * scaleX,
    y0: content.y0 + Math.max(0, (meanY - halfY) * scaleY),
    y1: content.y0 + Math.min(grid, meanY + halfY + 1) * scaleY,
  };
}

const cosines = (() => {
  const table = new Float64Array(kept * side);
  for (let k = 0; k < kept; k += 1) for (let n = 0; n < side; n += 1) table[k * side + n] = Math.cos(((2 * n + 1) * k * Math.PI) / (2 * side));
  return table;
})();

/** The 144-bit hash as 36 hex digits. */
export function photoHash(raster: Raster): string {
  const grey = toGrey(raster);
  const box = objectBox(grey, raster.width, contentBox(grey, raster.width, raster.height));
  const small = resamplePlane(grey, raster.width, box, side, side);
  // 2-D DCT-II, only the lowest 8×8 frequencies.
  const rows = new Float64Array(side * kept);
  for (let y = 0; y < side; y += 1) {
    for (let k = 0; k < kept; k += 1) {
      let sum = 0;
      for (let x = 0; x < side; x += 1) sum += (small[y * side + x] ?? 0) * (cosines[k * side + x] ?? 0);
      rows[y * kept + k] = sum;
    }
  }
  const coefficients: number[] = [];
  for (let ky = 0; ky < kept; ky += 1) {
    for (let kx = 0; kx < kept; kx += 1) {
      let sum = 0;
      for (let y = 0; y < side; y += 1) sum += (rows[y * kept + kx] ?? 0) * (cosines[ky * side + y] ?? 0);
      coefficients.push(sum);
    }
  }
  const ac = coefficients.slice(1);
  const median = [...ac].sort((a, b) => a - b)[Math.floor(ac.length / 2)] ?? 0;
  let hex = '';
  for (let nibble = 0; nibble < (kept * kept) / 4; nibble += 1) {
    let value = 0;
    for (let bit = 0; bit < 4; bit += 1) {
      const index = nibble * 4 + bit;
      // The mean (DC) carries only overall brightness; its bit stands for the median's sign instead.
      const above = index === 0 ? median > 0 : (coefficients[index] ?? 0) > median;
      value = (value << 1) | (above ? 1 : 0);
    }
    hex += value.toString(16);
  }
  return hex;
}

/** How many bits differ. */
export function hashDistance(a: string, b: string): number {
  let distance = 0;
  for (let index = 0; index < Math.max(a.length, b.length); index += 1) {
    let diff = parseInt(a[index] ?? '0', 16) ^ parseInt(b[index] ?? '0', 16);
    while (diff) {
      distance += diff & 1;
      diff >>= 1;
    }
  }
  return distance;
}
