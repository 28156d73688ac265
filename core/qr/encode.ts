/**
 * The one QR encoder of the product (ISO/IEC 18004, model 2): text in, a module matrix out. One segment,
 * alphanumeric when every character allows it, else UTF-8 bytes; the smallest of the 40 versions it fits;
 * the mask with the lowest penalty unless one is asked for. Drawing it is the caller's (app/ui/qr-path.ts).
 */
import { dataCodewords, segmentOf, type QrMode } from './data-codewords.ts';
import { applyMask, penalty } from './mask.ts';
import { drawFormat, functionPatterns, moduleAt, placeCodewords } from './matrix.ts';
import { rsGenerator, rsRemainder } from './reed-solomon.ts';
import { blockLayout, type QrLevel } from './tables.ts';

export type { QrLevel } from './tables.ts';

export interface QrMatrix {
  version: number;
  mode: QrMode;
  mask: number;
  /** Modules per side, without the quiet zone. */
  size: number;
  /** `modules[y][x]` is true for a dark module. */
  modules: boolean[][];
}

export interface QrOptions {
  /** A fixed mask (0–7) instead of the penalty's choice: for tests that compare with another encoder. */
  mask?: number;
  /** The smallest version to use. */
  minVersion?: number;
}

/** Splits the data codewords into blocks, adds each block's EC codewords and interleaves them (§7.6). */
function withErrorCorrection(data: Uint8Array, version: number, level: QrLevel): Uint8Array {
  const { total, blocks, ecPerBlock } = blockLayout(version, level);
  const shortBlocks = blocks - (total % blocks);
  const shortLength = Math.floor(total / blocks) - ecPerBlock;
  const generator = rsGenerator(ecPerBlock);
  const dataBlocks: Uint8Array[] = [];
  for (let i = 0, start = 0; i < blocks; i++) {
    const end = start + shortLength + (i < shortBlocks ? 0 : 1);
    dataBlocks.push(data.subarray(start, end));
    start = end;
  }
  const result = new Uint8Array(total);
  let at = 0;
  for (let i = 0; i <= shortLength; i++) {
    for (const block of dataBlocks) if (i < block.length) result[at++] = block[i] ?? 0;
  }
  const ecBlocks = dataBlocks.map((block) => rsRemainder(block, generator));
  for (let i = 0; i < ecPerBlock; i++) for (const block of ecBlocks) result[at++] = block[i] ?? 0;
  return result;
}

export function encodeQr(text: string, level: QrLevel, { mask, minVersion = 1 }: QrOptions = {}): QrMatrix {
  const segment = segmentOf(text);
  let version = minVersion;
  let data = dataCodewords(segment, version, level);
  while (!data) {
    if (++version > 40) throw new RangeError(`too long for a QR symbol at level ${level}`);
    data = dataCodewords(segment, version, level);
  }
  const grid = functionPatterns(version);
  placeCodewords(grid, withErrorCorrection(data, version, level));
  let chosen = mask ?? 0;
  if (mask === undefined) {
    let lowest = Infinity;
    for (let candidate = 0; candidate < 8; candidate++) {
      applyMask(grid, candidate);
      drawFormat(grid, level, candidate);
      const points = penalty(grid);
      if (points < lowest) [lowest, chosen] = [points, candidate];
      applyMask(grid, candidate);
    }
  }
  applyMask(grid, chosen);
  drawFormat(grid, level, chosen);
  const { size } = grid;
  const modules: boolean[][] = [];
  for (let y = 0; y < size; y++) {
    const row: boolean[] = [];
    for (let x = 0; x < size; x++) row.push(moduleAt(grid, x, y) === 1);
    modules.push(row);
  }
  return { version, mode: segment.mode, mask: chosen, size, modules };
}
