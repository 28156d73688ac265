import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CborTag, decodeCbor, encodeCbor, type CborValue } from './cbor.ts';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const fromHex = (text: string) => new Uint8Array(Buffer.from(text, 'hex'));

describe('encodeCbor', () => {
  // RFC 8949 Appendix A.
  it.each<[CborValue, string]>([
    [0, '00'],
    [23, '17'],
    [24, '1818'],
    [255, '18ff'],
    [256, '190100'],
    [65535, '19ffff'],
    [65536, '1a00010000'],
    [1000000, '1a000f4240'],
    [1000000000000, '1b000000e8d4a51000'],
    [-1, '20'],
    [-1000, '3903e7'],
    ['', '60'],
    ['IETF', '6449455446'],
    ['水', '63e6b0b4'],
    [new Uint8Array([1, 2, 3, 4]), '4401020304'],
    [[], '80'],
    [[1, [2, 3], [4, 5]], '8301820203820405'],
    [null, 'f6'],
    [new CborTag(1, 1363896240), 'c11a514b67b0'],
  ])('encodes %o as the RFC’s bytes and reads them back', (value, bytes) => {
    expect(hex(encodeCbor(value))).toBe(bytes);
    expect(decodeCbor(fromHex(bytes))).toEqual({ value });
  });

  it('refuses numbers JavaScript cannot hold exactly', () => {
    expect(() => encodeCbor(2 ** 53)).toThrow(RangeError);
    expect(() => encodeCbor(1.5)).toThrow(RangeError);
  });
});

describe('decodeCbor is strict', () => {
  it.each([
    ['an integer not in its shortest form', '1817'],
    ['a length not in its shortest form', '5801ff'],
    ['a 64-bit integer that fits 32 bits', '1b00000000ffffffff'],
    ['an integer beyond 2^53', '1b0020000000000000'],
    ['an indefinite-length array', '9f01ff'],
    ['a map', 'a10102'],
    ['a float', 'f93c00'],
    ['true', 'f5'],
    ['a text string that is not UTF-8', '62c328'],
    ['a byte string longer than the input', '45010203'],
    ['an array longer than the input', '9a7fffffff'],
    ['trailing bytes', '0000'],
    ['nothing', ''],
    ['nesting deeper than any code', '8181818181818181818100'],
  ])('refuses %s', (_, bytes) => {
    expect(decodeCbor(fromHex(bytes))).toBeNull();
  });

  it('never throws and reads back whatever it encoded', () => {
    const value: fc.Arbitrary<CborValue> = fc.letrec<{ value: CborValue }>((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.maxSafeInteger(),
        fc.string(),
        fc.uint8Array({ maxLength: 40 }),
        fc.constant(null),
        fc.array(tie('value'), { maxLength: 4 }),
      ),
    })).value;
    fc.assert(
      fc.property(value, (v) => {
        expect(decodeCbor(encodeCbor(v))).toEqual({ value: v });
      }),
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        decodeCbor(bytes);
      }),
    );
  });
});
