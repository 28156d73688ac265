/**
 * The module grid of a symbol (ISO/IEC 18004 §7.7–7.9): finder, timing and alignment patterns, format and
 * version information, and the codewords placed in the two-module-wide zigzag from the bottom right.
 * Plain functions over a plain object rather than a class: the boot module's minifier can shorten their names.
 */
import { alignmentCentres, sizeOf, type QrLevel } from './tables.ts';

/** The level's two bits in the format information (L would be 1, H 2). */
const formatLevelBits = { M: 0, Q: 3 } as const;

export interface ModuleGrid {
  size: number;
  /** Row-major, 1 for dark. */
  dark: Uint8Array;
  /** Row-major, 1 where a function pattern or format/version information sits: masking and placement skip it. */
  reserved: Uint8Array;
}

export function moduleAt({ size, dark }: ModuleGrid, x: number, y: number): number {
  return dark[y * size + x] ?? 0;
}

function setFunction({ size, dark, reserved }: ModuleGrid, x: number, y: number, isDark: boolean): void {
  if (x < 0 || y < 0 || x >= size || y >= size) return;
  dark[y * size + x] = isDark ? 1 : 0;
  reserved[y * size + x] = 1;
}

/** A square of rings around (x, y): `darkAt` says, for each ring's distance from the centre, whether it is dark. */
function drawRings(grid: ModuleGrid, x: number, y: number, radius: number, darkAt: (distance: number) => boolean): void {
  for (let dy = -radius; dy <= radius; dy++) {
    for (let dx = -radius; dx <= radius; dx++) setFunction(grid, x + dx, y + dy, darkAt(Math.max(Math.abs(dx), Math.abs(dy))));
  }
}

/** The 15 format bits (level and mask, BCH-protected, XOR 0x5412), twice, and the dark module. */
export function drawFormat(grid: ModuleGrid, level: QrLevel, mask: number): void {
  const { size } = grid;
  const data = (formatLevelBits[level] << 3) | mask;
  let remainder = data;
  for (let i = 0; i < 10; i++) remainder = (remainder << 1) ^ ((remainder >>> 9) * 0x537);
  const bits = ((data << 10) | remainder) ^ 0x5412;
  const set = (x: number, y: number, i: number) => setFunction(grid, x, y, ((bits >>> i) & 1) === 1);
  for (let i = 0; i < 6; i++) set(8, i, i);
  set(8, 7, 6);
  set(8, 8, 7);
  set(7, 8, 8);
  for (let i = 9; i < 15; i++) set(14 - i, 8, i);
  for (let i = 0; i < 8; i++) set(size - 1 - i, 8, i);
  for (let i = 8; i < 15; i++) set(8, size - 15 + i, i);
  setFunction(grid, 8, size - 8, true);
}

/** A grid with every function pattern drawn, format information reserved, and no data yet. */
export function functionPatterns(version: number): ModuleGrid {
  const size = sizeOf(version);
  const grid = { size, dark: new Uint8Array(size * size), reserved: new Uint8Array(size * size) };
  for (let i = 0; i < size; i++) {
    setFunction(grid, 6, i, i % 2 === 0);
    setFunction(grid, i, 6, i % 2 === 0);
  }
  // Each finder with its light separator (the ring at distance 4).
  const finder = (distance: number) => distance !== 2 && distance !== 4;
  drawRings(grid, 3, 3, 4, finder);
  drawRings(grid, size - 4, 3, 4, finder);
  drawRings(grid, 3, size - 4, 4, finder);
  const centres = alignmentCentres(version);
  const last = centres.length - 1;
  centres.forEach((x, i) =>
    centres.forEach((y, j) => {
      if (!((i === 0 && j === 0) || (i === 0 && j === last) || (i === last && j === 0))) drawRings(grid, x, y, 2, (distance) => distance !== 1);
    }),
  );
  drawFormat(grid, 'M', 0);
  if (version >= 7) {
    let remainder = version;
    for (let i = 0; i < 12; i++) remainder = (remainder << 1) ^ ((remainder >>> 11) * 0x1f25);
    const bits = (version << 12) | remainder;
    for (let i = 0; i < 18; i++) {
      const dark = ((bits >>> i) & 1) === 1;
      setFunction(grid, size - 11 + (i % 3), Math.floor(i / 3), dark);
      setFunction(grid, Math.floor(i / 3), size - 11 + (i % 3), dark);
    }
  }
  return grid;
}

/** Places the codewords, most significant bit first, up and down the two-module columns from the right. */
export function placeCodewords({ size, dark, reserved }: ModuleGrid, codewords: Uint8Array): void {
  let i = 0;
  for (let right = size - 1; right >= 1; right -= 2) {
    if (right === 6) right = 5;
    const upward = ((right + 1) & 2) === 0;
    for (let step = 0; step < size; step++) {
      const y = upward ? size - 1 - step : step;
      for (let x = right; x > right - 2; x--) {
        const at = y * size + x;
        if (reserved[at] === 1 || i >= codewords.length * 8) continue;
        dark[at] = ((codewords[i >> 3] ?? 0) >>> (7 - (i & 7))) & 1;
        i++;
      }
    }
  }
}
