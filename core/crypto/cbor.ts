/**
 * The small, strict subset of CBOR (RFC 8949) the compact health code needs: unsigned and negative
 * integers within JavaScript's safe range, byte strings, UTF-8 text strings, arrays, null and tags.
 * No maps, floats, booleans or indefinite lengths.
 *
 * Decoding is strict in the way RFC 8949 §4.2.1 (core deterministic encoding) asks: every length
 * and integer in its shortest form, no trailing bytes, valid UTF-8, bounded nesting. Anything else
 * comes back as null, never as an exception, so that a scanned code can be refused with a reason.
 * Deterministic bytes matter because signatures are made over them: one value, one encoding.
 */

export class CborTag {
  constructor(
    readonly tag: number,
    readonly value: CborValue,
  ) {}
}

export type CborValue = number | string | Uint8Array | null | CborTag | readonly CborValue[];

const major = { unsigned: 0, negative: 1, bytes: 2, text: 3, array: 4, tag: 6, simple: 7 } as const;
const nullByte = 0xf6;
/** Deeper than any code this app makes; bounds the recursion a hostile input can cause. */
const maxDepth = 8;

function head(type: number, value: number): number[] {
  const base = type << 5;
  if (value < 24) return [base | value];
  if (value < 0x100) return [base | 24, value];
  if (value < 0x10000) return [base | 25, value >> 8, value & 0xff];
  if (value < 0x100000000) return [base | 26, (value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff];
  const bytes: number[] = [];
  for (let rest = value, i = 0; i < 8; i++, rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return [base | 27, ...bytes];
}

function encodeInto(value: CborValue, out: number[]): void {
  if (value === null) {
    out.push(nullByte);
  } else if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new RangeError(`CBOR: ${value} is not a safe integer`);
    out.push(...(value >= 0 ? head(major.unsigned, value) : head(major.negative, -1 - value)));
  } else if (typeof value === 'string') {
    const bytes = new TextEncoder().encode(value);
    out.push(...head(major.text, bytes.length), ...bytes);
  } else if (value instanceof Uint8Array) {
    out.push(...head(major.bytes, value.length), ...value);
  } else if (value instanceof CborTag) {
    out.push(...head(major.tag, value.tag));
    encodeInto(value.value, out);
  } else {
    out.push(...head(major.array, value.length));
    for (const item of value) encodeInto(item, out);
  }
}

export function encodeCbor(value: CborValue): Uint8Array<ArrayBuffer> {
  const out: number[] = [];
  encodeInto(value, out);
  return new Uint8Array(out);
}

class Reader {
  offset = 0;
  constructor(readonly bytes: Uint8Array) {}

  take(count: number): Uint8Array | null {
    if (count > this.bytes.length - this.offset) return null;
    const slice = this.bytes.subarray(this.offset, this.offset + count);
    this.offset += count;
    return slice;
  }

  /** The argument of a head, refused unless in the shortest form (deterministic encoding). */
  argument(info: number): number | null {
    if (info < 24) return info;
    const size = info === 24 ? 1 : info === 25 ? 2 : info === 26 ? 4 : info === 27 ? 8 : 0;
    const raw = size === 0 ? null : this.take(size);
    if (!raw) return null;
    let value = 0;
    for (const byte of raw) value = value * 256 + byte;
    if (!Number.isSafeInteger(value)) return null;
    const shortest = size === 1 ? value >= 24 : value >= 2 ** (4 * size);
    return shortest ? value : null;
  }
}

const decoders = { text: new TextDecoder('utf-8', { fatal: true }) };

function decodeItem(reader: Reader, depth: number): CborValue | undefined {
  if (depth > maxDepth) return undefined;
  const initial = reader.take(1)?.[0];
  if (initial === undefined) return undefined;
  if (initial === nullByte) return null;
  const type = initial >> 5;
  const argument = reader.argument(initial & 0x1f);
  if (argument === null) return undefined;
  switch (type) {
    case major.unsigned:
      return argument;
    case major.negative:
      return -1 - argument;
    case major.bytes:
      return reader.take(argument)?.slice() ?? undefined;
    case major.text: {
      const bytes = reader.take(argument);
      if (!bytes) return undefined;
      try {
        return decoders.text.decode(bytes);
      } catch {
        return undefined;
      }
    }
    case major.array: {
      // Every item takes at least one byte: a length beyond what is left is refused before allocating.
      if (argument > reader.bytes.length - reader.offset) return undefined;
      const items: CborValue[] = [];
      for (let i = 0; i < argument; i++) {
        const item = decodeItem(reader, depth + 1);
        if (item === undefined) return undefined;
        items.push(item);
      }
      return items;
    }
    case major.tag: {
      const value = decodeItem(reader, depth + 1);
      return value === undefined ? undefined : new CborTag(argument, value);
    }
    default:
      return undefined;
  }
}

/** The one value `bytes` holds, or null for anything outside the strict subset (null itself decodes as `{ value: null }`). */
export function decodeCbor(bytes: Uint8Array): { value: CborValue } | null {
  const reader = new Reader(bytes);
  const value = decodeItem(reader, 0);
  return value === undefined || reader.offset !== bytes.length ? null : { value };
}
