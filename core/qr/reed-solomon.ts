/**
 * Reed–Solomon error correction over GF(256) with the QR polynomial x⁸+x⁴+x³+x²+1 (ISO/IEC 18004 §7.5.2):
 * the EC codewords of a block are the remainder of its data codewords divided by the generator polynomial.
 */
const exp = new Uint8Array(510);
const log = new Uint8Array(256);
for (let i = 0, x = 1; i < 255; i++) {
  exp[i] = exp[i + 255] = x;
  log[x] = i;
  x = x & 0x80 ? (x << 1) ^ 0x11d : x << 1;
}

function multiply(a: number, b: number): number {
  return a === 0 || b === 0 ? 0 : (exp[(log[a] ?? 0) + (log[b] ?? 0)] ?? 0);
}

/** The generator polynomial (x−α⁰)…(x−α^(degree−1)), its coefficients from the highest power down, the leading 1 left out. */
export function rsGenerator(degree: number): Uint8Array {
  const generator = new Uint8Array(degree);
  generator[degree - 1] = 1;
  for (let i = 0, root = 1; i < degree; i++, root = multiply(root, 2)) {
    for (let j = 0; j < degree; j++) generator[j] = multiply(generator[j] ?? 0, root) ^ (generator[j + 1] ?? 0);
  }
  return generator;
}

/** The EC codewords of one block: `data` times x^degree, modulo the generator. */
export function rsRemainder(data: ArrayLike<number>, generator: Uint8Array): Uint8Array {
  const remainder = new Uint8Array(generator.length);
  for (let i = 0; i < data.length; i++) {
    const factor = (data[i] ?? 0) ^ (remainder[0] ?? 0);
    remainder.copyWithin(0, 1);
    remainder[remainder.length - 1] = 0;
    for (let j = 0; j < remainder.length; j++) remainder[j] = (remainder[j] ?? 0) ^ multiply(generator[j] ?? 0, factor);
  }
  return remainder;
}
