/**
 * The module grid of a symbol (ISO/IEC 18004 §7.7–7.9): finder, timing and alignment patterns, format and
 * version information, and the codewords placed in the two-module-wide zigzag from the bottom right.
 */
import { alignmentCentres, sizeOf, type QrLevel } from './tables.ts';

const formatLevelBits = { L: 1, M: 0, Q: 3, H: 2 } as const;

export class ModuleGrid {
  readonly size: number;
  /** Row-major, 1 for dark. */
  readonly dark: Uint8Array;
  /** Row-major, 1 where a function pattern or format/version information sits: masking and placement skip it. */
  readonly reserved: Uint8Array;

  constructor(readonly version: number) {
    this.size = sizeOf(version);
    this.dark = new Uint8Array(this.size * this.size);
    this.reserved = new Uint8Array(this.size * this.size);
    this.drawFunctionPatterns();
  }

  get(x: number, y: number): number {
    return this.dark[y * this.size + x] ?? 0;
  }

  private setFunction(x: number, y: number, dark: boolean): void {
    if (x < 0 || y < 0 || x >= this.size || y >= this.size) return;
    this.dark[y * this.size + x] = dark ? 1 : 0;
    this.reserved[y * this.size + x] = 1;
  }

  /** A square of rings around (x, y): `darkAt` says, for each ring's distance from the centre, whether it is dark. */
  private drawRings(x: number, y: number, radius: number, darkAt: (distance: number) => boolean): void {
    for (let dy = -radius; dy <= radius; dy++) {
      for (let dx = -radius; dx <= radius; dx++) this.setFunction(x + dx, y + dy, darkAt(Math.max(Math.abs(dx), Math.abs(dy))));
    }
  }

  private drawFunctionPatterns(): void {
    const { size, version } = this;
    for (let i = 0; i < size; i++) {
      this.setFunction(6, i, i % 2 === 0);
      this.setFunction(i, 6, i % 2 === 0);
    }
    // Each finder with its light separator (the ring at distance 4).
    const finder = (distance: number) => distance !== 2 && distance !== 4;
    this.drawRings(3, 3, 4, finder);
    this.drawRings(size - 4, 3, 4, finder);
    this.drawRings(3, size - 4, 4, finder);
    const centres = alignmentCentres(version);
    const last = centres.length - 1;
    centres.forEach((x, i) =>
      centres.forEach((y, j) => {
        if (!((i === 0 && j === 0) || (i === 0 && j === last) || (i === last && j === 0))) this.drawRings(x, y, 2, (distance) => distance !== 1);
      }),
    );
    this.drawFormat('L', 0);
    if (version >= 7) {
      let remainder = version;
      for (let i = 0; i < 12; i++) remainder = (remainder << 1) ^ ((remainder >>> 11) * 0x1f25);
      const bits = (version << 12) | remainder;
      for (let i = 0; i < 18; i++) {
        const dark = ((bits >>> i) & 1) === 1;
        this.setFunction(size - 11 + (i % 3), Math.floor(i / 3), dark);
        this.setFunction(Math.floor(i / 3), size - 11 + (i % 3), dark);
      }
    }
  }

  /** The 15 format bits (level and mask, BCH-protected, XOR 0x5412), twice, and the dark module. */
  drawFormat(level: QrLevel, mask: number): void {
    const { size } = this;
    const data = (formatLevelBits[level] << 3) | mask;
    let remainder = data;
    for (let i = 0; i < 10; i++) remainder = (remainder << 1) ^ ((remainder >>> 9) * 0x537);
    const bits = ((data << 10) | remainder) ^ 0x5412;
    const bit = (i: number) => ((bits >>> i) & 1) === 1;
    for (let i = 0; i < 6; i++) this.setFunction(8, i, bit(i));
    this.setFunction(8, 7, bit(6));
    this.setFunction(8, 8, bit(7));
    this.setFunction(7, 8, bit(8));
    for (let i = 9; i < 15; i++) this.setFunction(14 - i, 8, bit(i));
    for (let i = 0; i < 8; i++) this.setFunction(size - 1 - i, 8, bit(i));
    for (let i = 8; i < 15; i++) this.setFunction(8, size - 15 + i, bit(i));
    this.setFunction(8, size - 8, true);
  }

  /** Places the codewords, most significant bit first, up and down the two-module columns from the right. */
  placeCodewords(codewords: Uint8Array): void {
    const { size } = this;
    let i = 0;
    for (let right = size - 1; right >= 1; right -= 2) {
      if (right === 6) right = 5;
      const upward = ((right + 1) & 2) === 0;
      for (let step = 0; step < size; step++) {
        const y = upward ? size - 1 - step : step;
        for (let x = right; x > right - 2; x--) {
          const at = y * size + x;
          if (this.reserved[at] === 1 || i >= codewords.length * 8) continue;
          this.dark[at] = ((codewords[i >> 3] ?? 0) >>> (7 - (i & 7))) & 1;
          i++;
        }
      }
    }
  }
}
