import { describe, expect, it } from 'vitest';
import { encodeQr } from '../../core/qr/encode.ts';
import { readQrMatrix } from '../../testing/images/read-qr.ts';
import { qrShape } from './qr-path.ts';
import { quietZone } from './qr-shape.ts';

const text = `SSM1~${'v1.srv1.'.padEnd(300, 'x')}`;

/** The modules a shape's path paints, back as a matrix. */
function painted(path: string, size: number): boolean[][] {
  const modules = Array.from({ length: size }, () => Array.from({ length: size }, () => false));
  for (const [, x, y, width] of path.matchAll(/M(\d+) (\d+)h(\d+)/g)) {
    for (let dx = 0; dx < Number(width); dx++) {
      const row = modules[Number(y) - quietZone];
      if (row?.[Number(x) - quietZone + dx] !== false) throw new Error(`module painted twice or outside: ${x} ${y}`);
      row[Number(x) - quietZone + dx] = true;
    }
  }
  return modules;
}

describe('qrShape', () => {
  it('paints every dark module of the encoded symbol once, offset by the quiet zone, and the path reads back', () => {
    const { size, modules } = encodeQr(text, 'M');
    const shape = qrShape(text);
    expect(shape.size).toBe(size);
    expect(painted(shape.path, size)).toEqual(modules);
    expect(readQrMatrix(painted(shape.path, size)).text).toBe(text);
  });

  it('spends more modules on paper (Q) than on screen (M) for the same text, and writes Base45 as alphanumeric', () => {
    expect(qrShape(text, 'Q').size).toBeGreaterThan(qrShape(text, 'M').size);
    expect(qrShape(text, 'Q').size).toBe(encodeQr(text, 'Q').size);
    const base45 = `SSM2:${'6BFOXN*TS0BI$ZD4N9:9S6RCVN5+O30K3/XIV0W23NTDE'.repeat(4)}`;
    expect(encodeQr(base45, 'M').mode).toBe('alphanumeric');
    expect(qrShape(base45).size).toBeLessThan(qrShape(base45.toLowerCase()).size);
  });
});
