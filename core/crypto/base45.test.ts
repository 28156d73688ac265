import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { base45ToBytes, bytesToBase45 } from './base45.ts';

const text = (bytes: Uint8Array | null) => (bytes ? new TextDecoder().decode(bytes) : null);

describe('Base45 (RFC 9285)', () => {
  // The RFC's own examples, §4.
  it.each([
    ['AB', 'BB8'],
    ['Hello!!', '%69 VD92EX0'],
    ['base-45', 'UJCLQE7W581'],
    ['ietf!', 'QED8WEX0'],
    ['', ''],
  ])('encodes %j as %j and back', (plain, encoded) => {
    expect(bytesToBase45(new TextEncoder().encode(plain))).toBe(encoded);
    expect(text(base45ToBytes(encoded))).toBe(plain);
  });

  it('refuses a group worth more than two bytes, a lone character and characters outside the alphabet', () => {
    // RFC 9285 §6: "GGW" is 65536.
    expect(base45ToBytes('GGW')).toBeNull();
    expect(base45ToBytes('BB8B')).toBeNull();
    expect(base45ToBytes('bb8')).toBeNull();
    expect(base45ToBytes('BB#')).toBeNull();
    // Two characters hold one byte: 255 at most.
    expect(base45ToBytes('U5')).toEqual(new Uint8Array([255]));
    expect(base45ToBytes('V5')).toBeNull();
  });

  it('round-trips any bytes through the QR alphanumeric alphabet alone', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const encoded = bytesToBase45(bytes);
        expect(encoded).toMatch(/^[0-9A-Z $%*+\-./:]*$/);
        expect(encoded.length).toBe(Math.floor(bytes.length / 2) * 3 + (bytes.length % 2) * 2);
        expect(base45ToBytes(encoded)).toEqual(bytes);
      }),
    );
  });
});
