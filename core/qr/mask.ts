/**
 * The eight data masks and the penalty that picks one (ISO/IEC 18004 §7.8), scored as node-qrcode scores them,
 * so a symbol is the one that library would draw: runs of five or more, 2×2 blocks, finder-like 1:1:3:1:1 runs
 * with four light modules beside them, and the dark share's distance from half.
 */
import type { ModuleGrid } from './matrix.ts';

function masked(mask: number, x: number, y: number): boolean {
  switch (mask) {
    case 0:
      return (x + y) % 2 === 0;
    case 1:
      return y % 2 === 0;
    case 2:
      return x % 3 === 0;
    case 3:
      return (x + y) % 3 === 0;
    case 4:
      return (Math.floor(x / 3) + Math.floor(y / 2)) % 2 === 0;
    case 5:
      return ((x * y) % 2) + ((x * y) % 3) === 0;
    case 6:
      return (((x * y) % 2) + ((x * y) % 3)) % 2 === 0;
    default:
      return (((x + y) % 2) + ((x * y) % 3)) % 2 === 0;
  }
}

/** XORs the mask into every module outside the function patterns; applying it twice undoes it. */
export function applyMask(grid: ModuleGrid, mask: number): void {
  const { size, dark, reserved } = grid;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if (reserved[y * size + x] === 0 && masked(mask, x, y)) dark[y * size + x] = 1 - (dark[y * size + x] ?? 0);
    }
  }
}

/** Points for runs of five or more and for finder-like patterns along one row (step 1) or column (step `size`). */
function linePenalty(dark: Uint8Array, start: number, step: number, size: number): number {
  let points = 0;
  let run = 0;
  let window = 0;
  let previous = -1;
  for (let i = 0, at = start; i < size; i++, at += step) {
    const module = dark[at] ?? 0;
    run = module === previous ? run + 1 : 1;
    previous = module;
    if (run === 5) points += 3;
    else if (run > 5) points += 1;
    window = ((window << 1) & 0x7ff) | module;
    if (i >= 10 && (window === 0x5d0 || window === 0x05d)) points += 40;
  }
  return points;
}

export function penalty({ size, dark }: ModuleGrid): number {
  let points = 0;
  let darkCount = 0;
  for (let line = 0; line < size; line++) {
    points += linePenalty(dark, line * size, 1, size) + linePenalty(dark, line, size, size);
    for (let x = 0, at = line * size; x < size; x++, at++) {
      const module = dark[at] ?? 0;
      darkCount += module;
      if (line === size - 1 || x === size - 1) continue;
      const block = module + (dark[at + 1] ?? 0) + (dark[at + size] ?? 0) + (dark[at + size + 1] ?? 0);
      if (block === 0 || block === 4) points += 3;
    }
  }
  return points + Math.abs(Math.ceil((darkCount * 100) / (size * size) / 5) - 10) * 10;
}
