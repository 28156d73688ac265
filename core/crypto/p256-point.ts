/**
 * P-256 public keys in SEC 1 compressed form (33 bytes: 02 or 03 for the parity of y, then x) instead
 * of the uncompressed 65 bytes, to keep the compact code small. WebCrypto imports only uncompressed
 * points, so a verifier recovers y itself: y² = x³ − 3x + b over the field prime p, and since
 * p ≡ 3 (mod 4) the square root is (y²)^((p+1)/4). A point not on the curve gives null.
 */

const p = 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn;
const b = 0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604bn;

function modPow(base: bigint, exponent: bigint): bigint {
  let result = 1n;
  let square = base % p;
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * square) % p;
    square = (square * square) % p;
  }
  return result;
}

function toBigInt(bytes: Uint8Array): bigint {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return value;
}

function toBytes(value: bigint): Uint8Array {
  const bytes = new Uint8Array(32);
  let rest = value;
  for (let i = 31; i >= 0; i--, rest >>= 8n) bytes[i] = Number(rest & 0xffn);
  return bytes;
}

/** 65-byte uncompressed point (04 ‖ x ‖ y) to 33 bytes (02|03 ‖ x); null for anything else. */
export function compressPoint(raw: Uint8Array): Uint8Array<ArrayBuffer> | null {
  if (raw.length !== 65 || raw[0] !== 4) return null;
  const odd = ((raw[64] ?? 0) & 1) === 1;
  const compressed = new Uint8Array(33);
  compressed[0] = odd ? 3 : 2;
  compressed.set(raw.subarray(1, 33), 1);
  return compressed;
}

/** 33-byte compressed point back to 65 bytes, or null when x is not the x of a point on P-256. */
export function decompressPoint(compressed: Uint8Array): Uint8Array<ArrayBuffer> | null {
  const prefix = compressed[0];
  if (compressed.length !== 33 || (prefix !== 2 && prefix !== 3)) return null;
  const x = toBigInt(compressed.subarray(1));
  if (x >= p) return null;
  const ySquared = (((x * x * x - 3n * x + b) % p) + p) % p;
  let y = modPow(ySquared, (p + 1n) / 4n);
  if ((y * y) % p !== ySquared) return null;
  if ((y & 1n) !== BigInt(prefix & 1)) y = p - y;
  const raw = new Uint8Array(65);
  raw[0] = 4;
  raw.set(compressed.subarray(1), 1);
  raw.set(toBytes(y), 33);
  return raw;
}
