/**
 * The finer comparison behind the photo hash (photo-hash.ts): the hash is kept loose, to find every
 * earlier photo that might be this one, and this decides whether it is.
 *
 * A photo's print is a small grey thumbnail laid on the cassette found in it: centre, axis and length
 * fix a grid in cassette lengths, so a cropped, rescaled or screenshotted copy gives the same grid over
 * the same part of the scene. Two prints of one photo agree cell by cell up to brightness and contrast
 * (an affine change of grey, which a least-squares fit takes out) and JPEG noise; a new photo of the same
 * make of kit agrees on the kit but not on the table beside it (the kit lies elsewhere on it), and the
 * grid must be turned to fit it (the kit lies at another angle). Cells are coarser than a line in the
 * window, so other lines alone barely change a print (docs/benchmarks-antigen.md); on one plain table a kit put down
 * again at the same angle looks like a crop of the first photo (docs/antigen.md, what the photo check cannot tell).
 */
import { samePhoto, type PhotoBasis } from './photo-hash.ts';
import { pairSums, pearson } from '../../core/antigen/pair-sums.ts';

/** The grid: cells along the cassette × across it, each `cell` cassette lengths square. */
export const printGrid = { along: 40, across: 24, cell: 0.0325 } as const;
const missing = 255;

/** Where the grid lies in a picture: the cassette's centre and length in its pixels, and the angle of its axis (pointing down the picture). */
export interface PrintPose {
  cx: number;
  cy: number;
  angle: number;
  length: number;
}

/** The pose of the cassette found; the axis points down the picture, so a copy (never turned) and its original agree on which end is which. */
export function kitPose(basis: PhotoBasis): PrintPose | null {
  const { kit } = basis;
  if (!kit) return null;
  const sign = kit.ay < 0 || (kit.ay === 0 && kit.ax < 0) ? -1 : 1;
  return { cx: kit.cx, cy: kit.cy, angle: Math.atan2(kit.ay * sign, kit.ax * sign), length: kit.length };
}

/** Sums over the picture (grey, and pixels near white) in O(1) per box, made once per photo. */
interface Integrals {
  grey: Float64Array;
  bright: Float64Array;
}
const integralsOf = new WeakMap<PhotoBasis, Integrals>();

function integrals(basis: PhotoBasis): Integrals {
  const cached = integralsOf.get(basis);
  if (cached) return cached;
  const { grey, width, height } = basis;
  const stride = width + 1;
  const sums = { grey: new Float64Array(stride * (height + 1)), bright: new Float64Array(stride * (height + 1)) };
  for (let y = 0; y < height; y += 1) {
    let row = 0;
    let rowBright = 0;
    for (let x = 0; x < width; x += 1) {
      const value = grey[y * width + x] ?? 0;
      row += value;
      rowBright += value >= brightLevel ? 1 : 0;
      sums.grey[(y + 1) * stride + x + 1] = (sums.grey[y * stride + x + 1] ?? 0) + row;
      sums.bright[(y + 1) * stride + x + 1] = (sums.bright[y * stride + x + 1] ?? 0) + rowBright;
    }
  }
  integralsOf.set(basis, sums);
  return sums;
}

/** Grey at or above this may have been clipped by a brightened copy, which no affine fit undoes. */
const brightLevel = 245;
const clippedCell = 254;

/**
 * The grid's cells at a pose: each the mean grey of a box one cell wide around the cell's centre (box
 * sums, so a rescaled copy averages the same scene and a pose moved by a fraction of a pixel moves the
 * value smoothly), 0–253; `clippedCell` where the box holds near-white pixels, `missing` off the picture.
 */
export function samplePrint(basis: PhotoBasis, pose: PrintPose): Uint8Array {
  const { width, content } = basis;
  const sums = integrals(basis);
  const stride = width + 1;
  const at = (table: Float64Array, x: number, y: number) => {
    const x0 = Math.floor(x);
    const y0 = Math.floor(y);
    const tx = x - x0;
    const ty = y - y0;
    const row = y0 * stride + x0;
    return ((table[row] ?? 0) * (1 - tx) + (table[row + 1] ?? 0) * tx) * (1 - ty) + ((table[row + stride] ?? 0) * (1 - tx) + (table[row + stride + 1] ?? 0) * tx) * ty;
  };
  const box = (table: Float64Array, x0: number, y0: number, x1: number, y1: number) => at(table, x1, y1) - at(table, x0, y1) - at(table, x1, y0) + at(table, x0, y0);
  const ax = Math.cos(pose.angle);
  const ay = Math.sin(pose.angle);
  const step = printGrid.cell * pose.length;
  const half = step / 2;
  const bytes = new Uint8Array(printGrid.along * printGrid.across);
  for (let i = 0; i < printGrid.along; i += 1) {
    const u = (i - printGrid.along / 2 + 0.5) * step;
    for (let j = 0; j < printGrid.across; j += 1) {
      const v = (j - printGrid.across / 2 + 0.5) * step;
      const x = pose.cx + u * ax - v * ay;
      const y = pose.cy + u * ay + v * ax;
      const index = i * printGrid.across + j;
      if (x - half < content.x0 || y - half < content.y0 || x + half > content.x1 || y + half > content.y1) {
        bytes[index] = missing;
        continue;
      }
      const area = step * step;
      if (box(sums.bright, x - half, y - half, x + half, y + half) > area * 0.02) {
        bytes[index] = clippedCell;
        continue;
      }
      bytes[index] = Math.min(253, Math.round(box(sums.grey, x - half, y - half, x + half, y + half) / area));
    }
  }
  return bytes;
}

/**
 * The print as stored: the pose, relative to the picture's content box (8 bytes: centre, angle, length),
 * then the cells. The pose gives a copy's search a second start where the kit was found differently.
 */
export const printHeader = 8;

export interface Print {
  pose: PrintPose;
  cells: Uint8Array;
}

export function makePrint(basis: PhotoBasis): Print | null {
  const pose = kitPose(basis);
  if (!pose) return null;
  const { content } = basis;
  const w = content.x1 - content.x0;
  const h = content.y1 - content.y0;
  return { pose: { cx: (pose.cx - content.x0) / w, cy: (pose.cy - content.y0) / h, angle: pose.angle, length: pose.length / h }, cells: samplePrint(basis, pose) };
}

const unit = 65535;
export function encodePrint(print: Print): string {
  const bytes = new Uint8Array(printHeader + print.cells.length);
  const view = new DataView(bytes.buffer);
  const clamp = (value: number) => Math.round(Math.min(1, Math.max(0, value)) * unit);
  view.setUint16(0, clamp(print.pose.cx));
  view.setUint16(2, clamp(print.pose.cy));
  view.setUint16(4, clamp((print.pose.angle + Math.PI) / (2 * Math.PI)));
  view.setUint16(6, clamp(print.pose.length / 2));
  bytes.set(print.cells, printHeader);
  return Buffer.from(bytes).toString('base64');
}

export function decodePrint(text: string): Print | null {
  const bytes = new Uint8Array(Buffer.from(text, 'base64'));
  if (bytes.length !== printHeader + printGrid.along * printGrid.across) return null;
  const view = new DataView(bytes.buffer);
  return {
    pose: { cx: view.getUint16(0) / unit, cy: view.getUint16(2) / unit, angle: (view.getUint16(4) / unit) * 2 * Math.PI - Math.PI, length: (view.getUint16(6) / unit) * 2 },
    cells: bytes.subarray(printHeader),
  };
}

export interface PrintAgreement {
  /** Correlation of the two prints over the cells both have (neither clipped), at the best pose found. */
  correlation: number;
  /** Share of the grid both prints have. */
  overlap: number;
  /**
   * What lies around the kit: the RMS residual of the table's cells (beyond the kit's ends and sides) after
   * the grey fit of the whole print, in standard deviations of the stored print. A copy has the same table
   * about the kit; a second kit of the same make lies on another table, or elsewhere on this one.
   */
  surroundings?: number;
  /** How far the kit sits from where it sat in the stored frame (centre and length in shares of the frame). */
  placement?: number;
}

/** Cells of the grid that are table, not kit, on every make (beyond its ends, or wider than the widest body). */
const tableCell = (index: number) => {
  const i = Math.floor(index / printGrid.across);
  const j = index % printGrid.across;
  const u = (i - printGrid.along / 2 + 0.5) * printGrid.cell;
  const v = (j - printGrid.across / 2 + 0.5) * printGrid.cell;
  return Math.abs(u) > 0.56 || Math.abs(v) > 0.2;
};

/** The surroundings residual (see PrintAgreement) of two prints at their best pose. */
function surroundings(a: Uint8Array, b: Uint8Array): number {
  const { n, sa, sb, saa, sab } = pairSums(a, b, usable);
  if (n < 16) return Infinity;
  const varA = saa / n - (sa / n) ** 2;
  const gain = varA > 0 ? (sab / n - (sa / n) * (sb / n)) / varA : 0;
  const offset = sb / n - gain * (sa / n);
  let residual = 0;
  let count = 0;
  for (let index = 0; index < a.length; index += 1) {
    const va = a[index] ?? missing;
    const vb = b[index] ?? missing;
    if (!tableCell(index) || !usable(va, vb)) continue;
    residual += (vb - (gain * va + offset)) ** 2;
    count += 1;
  }
  // No table in view at all (the kit fills the frame): nothing tells, so nothing refuses.
  if (count < 16 || varA <= 0 || gain <= 0) return count < 16 ? 0 : Infinity;
  return Math.sqrt(residual / count) / (gain * Math.sqrt(varA));
}

/** Cells left out of a comparison: off the picture (missing, or NaN past the end), near-white pixels, or near black (which a darkened copy clips). */
const inRange = (value: number) => value > 4 && value < clippedCell && value !== missing;
const usable = (va: number, vb: number) => inRange(va) && inRange(vb);

function printAgreement(a: Uint8Array, b: Uint8Array): PrintAgreement {
  const sums = pairSums(a, b, usable);
  if (sums.n < 16) return { correlation: 0, overlap: sums.n / a.length };
  return { correlation: pearson(sums), overlap: sums.n / a.length };
}

/**
 * How well a stored print agrees with a new photo: the new photo's grid is moved, turned and scaled by
 * hill climbing to where it agrees best with the stored print, from two starts: the cassette found in the
 * new photo, and the stored pose laid on its content box (a rescaled or screenshotted copy, whose kit may
 * be found a little differently, e.g. when brightening merged some table into it).
 */
export function matchPrint(stored: Print, basis: PhotoBasis): PrintAgreement & { pose: PrintPose | null; turn: number } {
  const { content } = basis;
  const w = content.x1 - content.x0;
  const h = content.y1 - content.y0;
  const mapped = { cx: content.x0 + stored.pose.cx * w, cy: content.y0 + stored.pose.cy * h, angle: stored.pose.angle, length: stored.pose.length * h };
  const found = kitPose(basis);
  let best: PrintAgreement & { pose: PrintPose | null } = { correlation: 0, overlap: 0, pose: null };
  for (const start of found ? [found, mapped] : [mapped]) {
    const climbed = climb(stored.cells, basis, start);
    if (climbed.correlation > best.correlation) best = climbed;
  }
  if (!best.pose) return { ...best, turn: Infinity };
  // Where a frame was trimmed (a screenshot's bars, or a dark table the trim takes for bars, differently in each copy) the place in the frame says nothing.
  const trimmed = content.x0 > 1 || content.y0 > 1 || content.x1 < basis.width - 1 || content.y1 < basis.height - 1;
  const placement = trimmed ? 0 : Math.max(
    Math.abs((best.pose.cx - content.x0) / w - stored.pose.cx),
    Math.abs((best.pose.cy - content.y0) / h - stored.pose.cy),
    Math.abs(Math.log(best.pose.length / h / stored.pose.length)) / 2,
  );
  const cells = samplePrint(basis, best.pose);
  return { ...best, turn: Math.abs(best.pose.angle - stored.pose.angle), surroundings: surroundings(stored.cells, cells), placement };
}

function climb(stored: Uint8Array, basis: PhotoBasis, start: PrintPose): PrintAgreement & { pose: PrintPose } {
  let pose = start;
  let best = printAgreement(stored, samplePrint(basis, pose));
  let step = 0.04;
  while (step >= 0.004) {
    let moved = false;
    for (const [dx, dy, da, ds] of [[1, 0, 0, 0], [-1, 0, 0, 0], [0, 1, 0, 0], [0, -1, 0, 0], [0, 0, 1, 0], [0, 0, -1, 0], [0, 0, 0, 1], [0, 0, 0, -1]] as const) {
      const trial = { cx: pose.cx + dx * step * pose.length, cy: pose.cy + dy * step * pose.length, angle: pose.angle + da * step, length: pose.length * (1 + ds * step) };
      const agreement = printAgreement(stored, samplePrint(basis, trial));
      if (agreement.correlation > best.correlation) {
        best = agreement;
        pose = trial;
        moved = true;
      }
    }
    if (!moved) step /= 2;
  }
  return { ...best, pose };
}

/**
 * The two stages. A stored photo is a candidate when its scene hash is within `candidateScene` bits or
 * its kit hash within `candidateKit` (loose: nearly every copy, and a few per cent of distinct photos of
 * one make); at most `maxCandidates`, the nearest, are compared. A candidate is the same photo when the
 * prints agree: correlation at least `correlation` over at least `overlap` of the grid, the grid turned
 * by at most `turn` radians from the stored pose (a copy is never turned; a new photo almost always is).
 * Chosen on generated seeds 1001–1080 and one-make seeds 7000–7059; docs/benchmarks-antigen.md reports other seeds.
 * A stored hash without a print (uploaded before prints were kept) is judged by the hash alone.
 */
export const photoMatchThresholds = { candidateScene: 28, candidateKit: 20, maxCandidates: 8, correlation: 0.995, overlap: 0.25, turn: 0.02, surroundings: 0.15, placement: 0.06 } as const;
export type PhotoMatchThresholds = {
  candidateScene: number;
  candidateKit: number;
  maxCandidates: number;
  correlation: number;
  overlap: number;
  turn: number;
  surroundings: number;
  placement: number;
};

/** How near a stored hash is, as a share of the candidate thresholds (≤ 1 is a candidate); used to keep the nearest. */
export function candidateNearness({ scene, kit }: { scene: number; kit: number | null }, thresholds: PhotoMatchThresholds = photoMatchThresholds): number {
  return Math.min(scene / thresholds.candidateScene, kit === null ? Infinity : kit / thresholds.candidateKit);
}

/**
 * The same photo: the kit's print agrees, unturned, and (where measured) the table around the kit and the
 * kit's place in the frame agree too, so two kits of one make on two tables, or elsewhere on one, differ.
 */
export function printsAgree(
  agreement: { correlation: number; overlap: number; turn: number; surroundings?: number; placement?: number },
  thresholds: PhotoMatchThresholds = photoMatchThresholds,
): boolean {
  return (
    agreement.correlation >= thresholds.correlation &&
    agreement.overlap >= thresholds.overlap &&
    agreement.turn <= thresholds.turn &&
    (agreement.surroundings ?? 0) <= thresholds.surroundings &&
    (agreement.placement ?? 0) <= thresholds.placement
  );
}

/** Whether a new photo is a stored one: by the prints when the stored photo has one, by the hash alone when not. */
export function sameAsStored(fresh: { hash: string; basis: PhotoBasis }, stored: { hash: string; print: string | null }): boolean {
  const print = stored.print ? decodePrint(stored.print) : null;
  return print ? printsAgree(matchPrint(print, fresh.basis)) : samePhoto(stored.hash, fresh.hash);
}
