/**
 * A perceptual hash of a cassette photo, so that the same photo uploaded again is recognised after what
 * people do to it: re-compression, rescaling, cropping a few per cent, brightness, a screenshot.
 *
 * Two 144-bit hashes, each the signs of the lowest 12×12 DCT frequencies of a 32×32 grey thumbnail
 * against their median (brightness and contrast shift every coefficient alike and leave the signs):
 * - the scene hash (the one this module had first, so hashes stored before remain comparable): flat bars
 *   around the photo (a screenshot's frame and status bar) trimmed, then a box around its main object;
 * - the kit hash: the cassette found as the strip reader finds it (the largest region of light, neutral
 *   plastic) and a box centred on it, sized by its length. A cropped, rescaled or screenshotted copy holds
 *   the same kit, so the box covers the same part of the scene, where the object box moves with a crop.
 * The hashes are the first of two stages (antigen-checks.ts): a loose distance in either finds the earlier
 * photos that might be this one (a crop moves the scene hash and the kit hash holds; a kit found a little
 * differently moves the kit hash and the scene hash holds), and photo-match.ts decides. Alone they cannot
 * tell two photos of one make of kit apart (docs/benchmarks-antigen.md, "Reused antigen photos").
 */
import type { Raster } from '../../core/antigen/raster.ts';
import { resamplePlane, toGrey } from '../../core/antigen/raster.ts';
import { locateCassette } from '../../core/antigen/strip-reader.ts';

/**
 * The rule for an earlier photo stored without a print (before migration 0011, or no cassette found in
 * it), the only rule before prints. When two photos are the same photo, in bits of 144: their scene hashes differ in at most `scene`; or
 * their kit hashes in at most `kit`; or their kit hashes in at most `kitNear` while their scenes are still
 * alike (at most `sceneNear`). Chosen on the first 40 generated photos and the server tests' 60 photos of
 * one make of kit (distinct ones there come as close as 15 scene bits, 9 kit bits, 28 / 14 together):
 * refusing an honest photo is worse than missing a reused one, which a reviewer may still catch. The bench
 * (docs/benchmarks-antigen.md, "Reused antigen photos") finds that no setting meets both goals: on 240 photos of one make
 * the scene hash at 10 still matches 5.8 % of distinct photos, and the kit hash alone none but catches less.
 */
export const photoHashThresholds = { scene: 10, kit: 6, kitNear: 12, sceneNear: 26 } as const;
export type PhotoHashThresholds = { scene: number; kit: number; kitNear: number; sceneNear: number };
/** Hex digits of one 144-bit hash; a stored hash is the scene hash, then the kit hash when a kit was found. */
export const singleHashLength = 36;

const side = 32;
const kept = 12;

/**
 * A row or column counts as frame when nearly all of it is within a few levels of the frame colour.
 * Frames are a viewer's black or white, so only those are trimmed: a photo's own plain table is not, even a
 * dark one (grey 15–30), which a re-save or a gradient would trim by another amount each time.
 */
const frameLevels = { dark: 10, light: 238 } as const;
function isFrameLine(grey: Float32Array, start: number, step: number, count: number, reference: number): boolean {
  if (reference > frameLevels.dark && reference < frameLevels.light) return false;
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
    if (reference > frameLevels.dark && reference < frameLevels.light) return 0;
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

/**
 * Half the sides of the hashed box, in cassette lengths: the kit and a narrow margin of table beside it.
 * A kit fills most of a photo, so a larger box would run past the picture's edges, where a crop changes it.
 */
const regionHalf = { across: 0.24, along: 0.44 } as const;

export type KitPlacement = NonNullable<ReturnType<typeof locateCassette>>;

/** The cassette found in the content box (a screenshot's frame left out), in the picture's pixels; null when none is found. */
export function locateKit(raster: Raster, content: Box): KitPlacement | null {
  const x0 = Math.floor(content.x0);
  const y0 = Math.floor(content.y0);
  const width = Math.ceil(content.x1) - x0;
  const height = Math.ceil(content.y1) - y0;
  if (width < 16 || height < 16) return null;
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y += 1) data.set(raster.data.subarray(((y0 + y) * raster.width + x0) * 4, ((y0 + y) * raster.width + x0 + width) * 4), y * width * 4);
  const cassette = locateCassette({ width, height, data });
  return cassette ? { ...cassette, cx: x0 + cassette.cx, cy: y0 + cassette.cy } : null;
}

/** The square around the cassette, in the picture's pixels. */
function cassetteRegion(cassette: KitPlacement): Box {
  const halfX = regionHalf.across * cassette.length;
  const halfY = regionHalf.along * cassette.length;
  return { x0: cassette.cx - halfX, x1: cassette.cx + halfX, y0: cassette.cy - halfY, y1: cassette.cy + halfY };
}

/**
 * `grey` averaged over an outW×outH grid of the box, each cell clipped to the picture: a square that
 * runs past an edge averages what is there, so a copy cropped into the margin changes only those cells.
 */
function sampleBox(grey: Float32Array, width: number, height: number, box: Box, out: number): Float32Array {
  const integral = new Float64Array((width + 1) * (height + 1));
  for (let y = 0; y < height; y += 1) {
    let row = 0;
    for (let x = 0; x < width; x += 1) {
      row += grey[y * width + x] ?? 0;
      integral[(y + 1) * (width + 1) + x + 1] = (integral[y * (width + 1) + x + 1] ?? 0) + row;
    }
  }
  const at = (x: number, y: number) => integral[y * (width + 1) + x] ?? 0;
  const clampX = (x: number) => Math.min(width, Math.max(0, Math.round(x)));
  const clampY = (y: number) => Math.min(height, Math.max(0, Math.round(y)));
  const result = new Float32Array(out * out);
  const stepX = (box.x1 - box.x0) / out;
  const stepY = (box.y1 - box.y0) / out;
  for (let oy = 0; oy < out; oy += 1) {
    for (let ox = 0; ox < out; ox += 1) {
      let xa = clampX(box.x0 + ox * stepX);
      let xb = clampX(box.x0 + (ox + 1) * stepX);
      let ya = clampY(box.y0 + oy * stepY);
      let yb = clampY(box.y0 + (oy + 1) * stepY);
      // A cell wholly outside the picture takes the nearest edge pixels.
      if (xb <= xa) [xa, xb] = xa >= width ? [width - 1, width] : [xa, xa + 1];
      if (yb <= ya) [ya, yb] = ya >= height ? [height - 1, height] : [ya, ya + 1];
      result[oy * out + ox] = (at(xb, yb) - at(xa, yb) - at(xb, ya) + at(xa, ya)) / ((xb - xa) * (yb - ya));
    }
  }
  return result;
}

/** 144 bits as 36 hex digits: the signs of the lowest 12×12 DCT frequencies of a 32×32 thumbnail against their median. */
function dctHash(small: Float32Array): string {
  // 2-D DCT-II, only the lowest 12×12 frequencies.
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

/** What the hash and the finer comparison (photo-match.ts) both start from: grey, the frame trimmed, the kit found. */
export interface PhotoBasis {
  grey: Float32Array;
  width: number;
  height: number;
  content: Box;
  kit: KitPlacement | null;
}

export function photoBasis(raster: Raster): PhotoBasis {
  const grey = toGrey(raster);
  const content = contentBox(grey, raster.width, raster.height);
  return { grey, width: raster.width, height: raster.height, content, kit: locateKit(raster, content) };
}

/** The scene hash, then the kit hash when a cassette was found: 36 or 72 hex digits. */
export function photoHash(raster: Raster, basis: PhotoBasis = photoBasis(raster)): string {
  const { grey, width, height, content, kit } = basis;
  const scene = dctHash(resamplePlane(grey, width, objectBox(grey, width, content), side, side));
  return kit ? scene + dctHash(sampleBox(grey, width, height, cassetteRegion(kit), side)) : scene;
}

/** Bits apart in the scene hash and, when both photos have one, in the kit hash. */
export function photoDistances(a: string, b: string): { scene: number; kit: number | null } {
  const kitA = a.slice(singleHashLength);
  const kitB = b.slice(singleHashLength);
  return {
    scene: hashDistance(a.slice(0, singleHashLength), b.slice(0, singleHashLength)),
    kit: kitA.length === singleHashLength && kitB.length === singleHashLength ? hashDistance(kitA, kitB) : null,
  };
}

/** Whether two photos at these distances are the same photo (see photoHashThresholds). */
export function withinThresholds({ scene, kit }: { scene: number; kit: number | null }, thresholds: PhotoHashThresholds = photoHashThresholds): boolean {
  if (scene <= thresholds.scene) return true;
  return kit !== null && (kit <= thresholds.kit || (kit <= thresholds.kitNear && scene <= thresholds.sceneNear));
}

/** Whether two stored hashes are of the same photo. */
export function samePhoto(a: string, b: string, thresholds: PhotoHashThresholds = photoHashThresholds): boolean {
  return withinThresholds(photoDistances(a, b), thresholds);
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
