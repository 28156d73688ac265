/**
 * The data codewords of a one-segment symbol (ISO/IEC 18004 §7.4): mode indicator, character count, the data,
 * terminator and padding. Alphanumeric mode when every character is one of its 45 (Base45 codes: 5.5 bits a
 * character), else the UTF-8 bytes.
 */
import { dataCapacity, type QrLevel } from './tables.ts';

/** The 45 characters of alphanumeric mode in their value order: Base45 (RFC 9285) writes in exactly these. */
export const alphanumericCharset = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';

export type QrMode = 'alphanumeric' | 'byte';

export interface QrSegment {
  mode: QrMode;
  /** Characters (alphanumeric) or bytes (byte mode): what the character count field counts. */
  count: number;
  /** Appends the data bits to `bits`. */
  write: (bits: number[]) => void;
}

function push(bits: number[], value: number, length: number): void {
  for (let i = length - 1; i >= 0; i--) bits.push((value >>> i) & 1);
}

export function segmentOf(text: string): QrSegment {
  if (Array.from(text).every((character) => alphanumericCharset.includes(character))) {
    return {
      mode: 'alphanumeric',
      count: text.length,
      write: (bits) => {
        for (let i = 0; i < text.length; i += 2) {
          const first = alphanumericCharset.indexOf(text.charAt(i));
          if (i + 1 < text.length) push(bits, first * 45 + alphanumericCharset.indexOf(text.charAt(i + 1)), 11);
          else push(bits, first, 6);
        }
      },
    };
  }
  const bytes = new TextEncoder().encode(text);
  return { mode: 'byte', count: bytes.length, write: (bits) => bytes.forEach((byte) => push(bits, byte, 8)) };
}

/** Bits of the character count field: it widens at versions 10 and 27. */
function countBits(mode: QrMode, version: number): number {
  if (mode === 'byte') return version < 10 ? 8 : 16;
  return version < 10 ? 9 : version < 27 ? 11 : 13;
}

/** The segment's bits at `version`, or undefined when they do not fit its data capacity at `level`. */
export function dataCodewords(segment: QrSegment, version: number, level: QrLevel): Uint8Array | undefined {
  const capacity = dataCapacity(version, level) * 8;
  if (segment.count >= 2 ** countBits(segment.mode, version)) return undefined;
  const bits: number[] = [];
  push(bits, segment.mode === 'byte' ? 4 : 2, 4);
  push(bits, segment.count, countBits(segment.mode, version));
  segment.write(bits);
  if (bits.length > capacity) return undefined;
  push(bits, 0, Math.min(4, capacity - bits.length));
  push(bits, 0, -bits.length & 7);
  for (let pad = 0xec; bits.length < capacity; pad ^= 0xec ^ 0x11) push(bits, pad, 8);
  const codewords = new Uint8Array(capacity / 8);
  bits.forEach((bit, i) => (codewords[i >> 3] = (codewords[i >> 3] ?? 0) | (bit << (7 - (i & 7)))));
  return codewords;
}
