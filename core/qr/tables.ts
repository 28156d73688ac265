/**
 * The shape of each of the 40 QR versions at each error correction level (ISO/IEC 18004 table 9), and the
 * positions of their alignment patterns (annex E), computed rather than tabled.
 */

/**
 * The error correction levels the product draws, in the order of the tables below: M (15% of the symbol
 * recoverable) on screens, Q (25%) on paper. L and H are two more rows each of table 9, left out of the
 * boot module's bytes as nothing draws them.
 */
export const levels = ['M', 'Q'] as const;
export type QrLevel = (typeof levels)[number];

const ecCodewordsPerBlock = [
  [10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28],
  [13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30, 28, 30, 30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
];
const blockCounts = [
  [1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49],
  [1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20, 23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68],
];

export interface BlockLayout {
  /** Codewords the symbol holds, data and EC together. */
  total: number;
  blocks: number;
  ecPerBlock: number;
}

/** Modules per side of a version. */
export const sizeOf = (version: number): number => version * 4 + 17;

/** The centres of the alignment patterns along one axis (the same on both). */
export function alignmentCentres(version: number): number[] {
  if (version === 1) return [];
  const count = Math.floor(version / 7) + 2;
  const step = version === 32 ? 26 : Math.ceil((version * 4 + 4) / (count * 2 - 2)) * 2;
  const centres = [6];
  for (let centre = sizeOf(version) - 7; centres.length < count; centre -= step) centres.splice(1, 0, centre);
  return centres;
}

/** Modules left for codewords once the function patterns and format and version information are placed. */
function dataModules(version: number): number {
  const alignments = Math.floor(version / 7) + 2;
  let modules = (16 * version + 128) * version + 64;
  if (version >= 2) modules -= (25 * alignments - 10) * alignments - 55;
  if (version >= 7) modules -= 36;
  return modules;
}

export function blockLayout(version: number, level: QrLevel): BlockLayout {
  const index = levels.indexOf(level);
  return { total: dataModules(version) >> 3, blocks: blockCounts[index]?.[version - 1] ?? 0, ecPerBlock: ecCodewordsPerBlock[index]?.[version - 1] ?? 0 };
}

/** Data codewords a version holds at a level. */
export function dataCapacity(version: number, level: QrLevel): number {
  const { total, blocks, ecPerBlock } = blockLayout(version, level);
  return total - blocks * ecPerBlock;
}
