/**
 * Base45 (RFC 9285): bytes as text in the 45 characters of a QR code's alphanumeric mode, which packs
 * 2 characters into 11 bits where byte mode spends 16 on one. Two bytes become three characters.
 * Decoding is strict: a character outside the alphabet, a length that leaves one character over, or a
 * group worth more than its bytes can hold gives null rather than an exception or a silent guess.
 */

const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
const valueOf = new Map(Array.from(alphabet, (char, index) => [char, index]));

export function bytesToBase45(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 2) {
    const first = bytes[i] ?? 0;
    const second = bytes[i + 1];
    if (second === undefined) {
      text += alphabet[first % 45] ?? '';
      text += alphabet[Math.floor(first / 45)] ?? '';
    } else {
      let n = first * 256 + second;
      for (let digit = 0; digit < 3; digit++, n = Math.floor(n / 45)) text += alphabet[n % 45] ?? '';
    }
  }
  return text;
}

export function base45ToBytes(text: string): Uint8Array<ArrayBuffer> | null {
  if (text.length % 3 === 1) return null;
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i += 3) {
    // Indexed by UTF-16 unit: a character outside the alphabet, surrogate or not, is refused either way.
    const digits = Array.from({ length: Math.min(3, text.length - i) }, (_, d) => valueOf.get(text.charAt(i + d)));
    let n = 0;
    for (let d = digits.length - 1; d >= 0; d--) {
      const digit = digits[d];
      if (digit === undefined) return null;
      n = n * 45 + digit;
    }
    if (digits.length === 3) {
      if (n > 0xffff) return null;
      bytes.push(n >> 8, n & 0xff);
    } else {
      if (n > 0xff) return null;
      bytes.push(n);
    }
  }
  return new Uint8Array(bytes);
}
