import { create } from 'qrcode';
import { describe, expect, it } from 'vitest';
import { qrShape } from './qr-path.ts';
import { quietZone } from './qr-shape.ts';

const text = `SSM1~${'v1.srv1.'.padEnd(300, 'x')}`;

describe('qrShape', () => {
  it('draws every dark module once, offset by the quiet zone', () => {
    const { modules } = create(text, { errorCorrectionLevel: 'M' });
    const { size, path } = qrShape(text);
    expect(size).toBe(modules.size);
    let drawn = 0;
    for (const [, x, y, width] of path.matchAll(/M(\d+) (\d+)h(\d+)/g)) {
      for (let dx = 0; dx < Number(width); dx++) {
        expect(modules.get(Number(y) - quietZone, Number(x) - quietZone + dx)).toBe(1);
        drawn++;
      }
    }
    expect(drawn).toBe(Array.from(modules.data).filter((bit) => bit === 1).length);
  });

  it('spends more modules on paper (Q) than on screen (M) for the same text', () => {
    expect(qrShape(text, 'Q').size).toBeGreaterThan(qrShape(text, 'M').size);
    expect(qrShape(text, 'Q').size).toBe(create(text, { errorCorrectionLevel: 'Q' }).modules.size);
  });
});
