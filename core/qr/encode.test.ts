import { create, type QRCodeMaskPattern, type QRCodeSegment } from 'qrcode';
import { describe, expect, it } from 'vitest';
import { readQrMatrix } from '../../testing/images/read-qr.ts';
import { seededRandom } from '../seeded-random.ts';
import { encodeQr, type QrLevel, type QrMatrix } from './encode.ts';
import { alphanumericCharset as alphanumeric, dataCodewords, segmentOf } from './data-codewords.ts';
import { rsGenerator, rsRemainder } from './reed-solomon.ts';
import { levels } from './tables.ts';

/** The most characters version 40 holds, per level (ISO/IEC 18004 table 7). */
const capacity = {
  M: { alphanumeric: 3391, byte: 2331 },
  Q: { alphanumeric: 2420, byte: 1663 },
} as const;

const masks = [0, 1, 2, 3, 4, 5, 6, 7] as const;

/** The text as one node-qrcode segment of the given mode. */
function segment(text: string, mode: QrMatrix['mode']): QRCodeSegment {
  return mode === 'byte' ? { data: new TextEncoder().encode(text), mode } : { data: text, mode };
}

/** The same symbol drawn by node-qrcode, given the same mode, version and (when fixed) mask. */
function referenceMatrix(text: string, level: QrLevel, mine: QrMatrix, mask?: QRCodeMaskPattern): boolean[][] {
  const { modules } = create([segment(text, mine.mode)], { errorCorrectionLevel: level, version: mine.version, maskPattern: mask });
  return Array.from({ length: modules.size }, (_, y) => Array.from({ length: modules.size }, (_, x) => modules.get(y, x) === 1));
}

function randomText(random: () => number, length: number, mode: 'alphanumeric' | 'byte'): string {
  // Byte mode with Chinese too: a masked name is UTF-8, three bytes a character.
  const pick = (chars: string) => chars.charAt(Math.floor(random() * chars.length));
  return Array.from({ length }, () => (mode === 'alphanumeric' ? pick(alphanumeric) : pick('abcxyz~_-.:/?=&%0189张三欧阳明*'))).join('');
}

describe('Reed–Solomon over GF(256)', () => {
  it('has the standard generator polynomial of degree 7', () => {
    expect([...rsGenerator(7)]).toEqual([127, 122, 154, 164, 11, 68, 117]);
  });

  it('gives the EC codewords of ISO/IEC 18004 annex I: "01234567" at 1-M', () => {
    const data = [0x10, 0x20, 0x0c, 0x56, 0x61, 0x80, 0xec, 0x11, 0xec, 0x11, 0xec, 0x11, 0xec, 0x11, 0xec, 0x11];
    expect([...rsRemainder(data, rsGenerator(10))]).toEqual([0xa5, 0x24, 0xd4, 0xc1, 0xed, 0x36, 0xc7, 0x87, 0x2c, 0x55]);
  });

  it('gives the data and EC codewords of "HELLO WORLD" at 1-M, alphanumeric', () => {
    const data = dataCodewords(segmentOf('HELLO WORLD'), 1, 'M');
    expect([...(data ?? [])]).toEqual([32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236, 17, 236, 17]);
    expect([...rsRemainder(data ?? [], rsGenerator(10))]).toEqual([196, 35, 39, 119, 235, 215, 231, 226, 93, 23]);
  });
});

describe('encodeQr', () => {
  it('draws the same symbol as node-qrcode at every version and level, with each mask', () => {
    for (const level of levels) {
      for (let version = 1; version <= 40; version++) {
        const mask = masks[(version + levels.indexOf(level)) % 8] ?? 0;
        const text = `v${version}`;
        const mine = encodeQr(text, level, { mask, minVersion: version });
        expect([mine.version, mine.mask, mine.size]).toEqual([version, mask, version * 4 + 17]);
        expect(mine.modules).toEqual(referenceMatrix(text, level, mine, mask));
      }
    }
  });

  it('picks the mask node-qrcode picks by the penalty rules, and the smallest version', () => {
    const random = seededRandom(23);
    for (let i = 0; i < 60; i++) {
      const level = levels[i % 2] ?? 'M';
      const mode = i % 3 === 0 ? 'byte' : 'alphanumeric';
      const text = randomText(random, 1 + Math.floor(random() * 600), mode);
      const mine = encodeQr(text, level);
      expect(mine.mode).toBe(mode);
      expect(mine.modules).toEqual(referenceMatrix(text, level, mine));
      expect(mine.version).toBe(create([segment(text, mode)], { errorCorrectionLevel: level }).version);
    }
  });

  it('round-trips through a QR reader: both modes, every mask, both levels, lengths up to the largest symbol', () => {
    const random = seededRandom(18004);
    for (let i = 0; i < 48; i++) {
      const level = levels[i % 2] ?? 'M';
      const mode = Math.floor(i / 2) % 2 === 0 ? 'byte' : 'alphanumeric';
      // Up to version 40: the longest byte text of mixed widths is kept under its capacity in bytes.
      const most = mode === 'byte' ? Math.floor(capacity[level].byte / 3) : capacity[level].alphanumeric;
      const length = i < 4 ? most : Math.floor(random() ** 2 * most);
      const text = randomText(random, length, mode);
      const mine = encodeQr(text, level, { mask: Math.floor(i / 4) % 8 });
      const read = readQrMatrix(mine.modules, mine.version > 20 ? 2 : 3);
      expect(read.text).toBe(text);
      expect(read.bytes).toEqual(new TextEncoder().encode(text));
    }
  });

  it('holds exactly the standard capacity of version 40 and refuses one character more', () => {
    for (const level of levels) {
      for (const [mode, most] of Object.entries(capacity[level])) {
        const text = mode === 'byte' ? 'a'.repeat(most) : 'A'.repeat(most);
        expect(encodeQr(text, level).version).toBe(40);
        expect(() => encodeQr(`${text}A`, level)).toThrow(RangeError);
      }
    }
  });
});
