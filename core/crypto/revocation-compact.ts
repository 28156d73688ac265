/**
 * The revocation list in its compact binary form (docs/benchmarks-scale.md, "Revocation list at city scale"):
 * what lets half a million colour changes in one hour reach an offline verifier in under 1 MB.
 *
 * Each entry is the top `hashBits` bits of the subject hash of revocation-list.ts (SHA-256 over
 * `<salt>:<subject>`), grouped by the time bucket its change was recorded in; a group keeps the latest
 * change time in it (`hi`) and its hashes sorted and Rice-coded (gaps of a sorted uniform set are
 * geometric, so ~1.5 bits above log2(2^bits / count) each). Truncated hashes collide, and a bucket blurs
 * when within it the change came, so a hit never says "red": it says the code may predate a change, and
 * the verifier asks for a fresh code or an online check (需联网复核). Nothing that is listed can pass.
 *
 * Layout: "SRC1", flags (bit 0: full list), hashBits, then varints bucketSeconds, v (ms), salt (length
 * + ASCII), group count, and per group: bucket, hi − bucket start, count, k, byte length, Rice bits.
 */

/**
 * 31 bits and half-hour buckets keep 500,000 changes made within one hour under 1 MB (935 KB); a code signed
 * before them meets a colliding hash once in 2^31 / 500,000 ≈ 4,300 scans, which then asks for a recheck.
 */
export const compactHashBits = 31;
export const compactBucketSeconds = 1800;

export const compactMagic = [0x53, 0x52, 0x43, 0x31] as const;
/** What a verifier parses at most: a few times any list the retention window could hold. */
export const maxCompactEntries = 16_000_000;

export interface RevocationGroup {
  /** floor(notBefore / bucketSeconds) of every entry in it. */
  bucket: number;
  /** The latest notBefore (Unix seconds) in the group: a code signed at or after it predates none of its changes. */
  hi: number;
  /** Sorted, unique, each < 2^hashBits. */
  hashes: Uint32Array<ArrayBuffer>;
}

export interface CompactRevocations {
  /** The server time (ms) the list is complete up to; the next delta is asked since it. */
  v: number;
  salt: string;
  /** A whole list replaces what a verifier holds; a delta is merged into it. */
  full: boolean;
  hashBits: number;
  bucketSeconds: number;
  groups: RevocationGroup[];
}

/** The top `bits` bits of a SHA-256 digest, big-endian, as the list stores a subject. */
export function hashPrefix(digest: Uint8Array, bits: number): number {
  const word = (((digest[0] ?? 0) << 24) | ((digest[1] ?? 0) << 16) | ((digest[2] ?? 0) << 8) | (digest[3] ?? 0)) >>> 0;
  return bits === 32 ? word : Math.floor(word / 2 ** (32 - bits));
}

export async function compactSubjectHash(salt: string, subject: string, bits: number): Promise<number> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${salt}:${subject}`));
  return hashPrefix(new Uint8Array(digest), bits);
}

/** The Rice parameter for `count` values spread over 2^bits: log2 of the mean gap times ln 2. */
function riceParameter(count: number, bits: number): number {
  const mean = 2 ** bits / Math.max(count, 1);
  return Math.max(0, Math.min(bits, Math.round(Math.log2(mean * Math.LN2))));
}

class Writer {
  bytes: Uint8Array<ArrayBuffer> = new Uint8Array(1024);
  length = 0;
  private ensure(extra: number) {
    if (this.length + extra <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + extra));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }
  byte(value: number) {
    this.ensure(1);
    this.bytes[this.length++] = value;
  }
  varint(value: number) {
    let rest = value;
    while (rest >= 0x80) {
      this.byte((rest % 0x80) | 0x80);
      rest = Math.floor(rest / 0x80);
    }
    this.byte(rest);
  }
  raw(bytes: Uint8Array) {
    this.ensure(bytes.length);
    this.bytes.set(bytes, this.length);
    this.length += bytes.length;
  }
}

function riceEncode(hashes: Uint32Array, k: number, bits: number): Uint8Array {
  // Each value costs k + 1 bits besides its quotient, and the quotients add up to at most 2^bits / 2^k.
  const out = new Uint8Array(Math.ceil((hashes.length * (k + 1) + 2 ** bits / 2 ** k + 8) / 8));
  let bit = 0;
  const put = (value: number) => {
    if (value) out[bit >>> 3] = (out[bit >>> 3] ?? 0) | (0x80 >>> (bit & 7));
    bit++;
  };
  let previous = -1;
  for (const hash of hashes) {
    const gap = hash - previous - 1;
    previous = hash;
    for (let q = Math.floor(gap / 2 ** k); q > 0; q--) put(1);
    put(0);
    const low = gap % 2 ** k;
    for (let i = k - 1; i >= 0; i--) put(Math.floor(low / 2 ** i) % 2);
  }
  return out.slice(0, Math.ceil(bit / 8));
}

/**
 * One group's values, decoded a slice at a time so that a verifier can let a frame paint between slices.
 * `step` answers 'more' while values remain, 'done' once exactly `count` increasing values below 2^bits
 * were read and only zero padding is left, and 'corrupt' for anything this encoder could not have written.
 */
export class RiceDecoder {
  readonly values: Uint32Array<ArrayBuffer>;
  private bit = 0;
  private index = 0;
  private previous = -1;
  constructor(
    private readonly bytes: Uint8Array,
    count: number,
    private readonly k: number,
    private readonly bits: number,
  ) {
    this.values = new Uint32Array(count);
  }

  step(maxValues = Number.POSITIVE_INFINITY): 'more' | 'done' | 'corrupt' {
    const { bytes, k, values } = this;
    const totalBits = bytes.length * 8;
    const limit = 2 ** this.bits;
    const scale = 2 ** k;
    let { bit, previous } = this;
    const end = Math.min(values.length, this.index + maxValues);
    for (let i = this.index; i < end; i++) {
      let q = 0;
      for (;;) {
        if (bit >= totalBits) return 'corrupt';
        const set = ((bytes[bit >>> 3] ?? 0) >>> (7 - (bit & 7))) & 1;
        bit++;
        if (!set) break;
        if (++q * scale >= limit) return 'corrupt';
      }
      if (bit + k > totalBits) return 'corrupt';
      // The k low bits a byte's worth at a time: a phone's first sync runs this before the JIT has warmed.
      let low = 0;
      for (let left = k; left > 0; ) {
        const offset = bit & 7;
        const take = Math.min(8 - offset, left);
        low = low * (1 << take) + (((bytes[bit >>> 3] ?? 0) >>> (8 - offset - take)) & ((1 << take) - 1));
        bit += take;
        left -= take;
      }
      const value = previous + 1 + q * scale + low;
      if (value >= limit) return 'corrupt';
      values[i] = value;
      previous = value;
    }
    Object.assign(this, { bit, previous, index: end });
    if (end < values.length) return 'more';
    // What is left is the last byte's padding, all zero: anything else is not this encoder's output.
    if (totalBits - bit >= 8) return 'corrupt';
    for (; bit < totalBits; bit++) if (((bytes[bit >>> 3] ?? 0) >>> (7 - (bit & 7))) & 1) return 'corrupt';
    return 'done';
  }
}

export function encodeCompactRevocations(list: CompactRevocations): Uint8Array<ArrayBuffer> {
  return assembleCompactRevocations(list, list.groups.map((group) => encodeRevocationGroup(group, list.hashBits, list.bucketSeconds)));
}

/** One group as the list carries it: a server can keep a settled group's bytes and send them again. */
export function encodeRevocationGroup(group: RevocationGroup, hashBits: number, bucketSeconds: number): Uint8Array<ArrayBuffer> {
  const out = new Writer();
  const k = riceParameter(group.hashes.length, hashBits);
  const bits = riceEncode(group.hashes, k, hashBits);
  out.varint(group.bucket);
  out.varint(group.hi - group.bucket * bucketSeconds);
  out.varint(group.hashes.length);
  out.byte(k);
  out.varint(bits.length);
  out.raw(bits);
  return out.bytes.slice(0, out.length);
}

/** The list from its header and its groups already encoded (encodeRevocationGroup), in bucket order. */
export function assembleCompactRevocations(header: Omit<CompactRevocations, 'groups'>, groups: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Writer();
  out.raw(new Uint8Array(compactMagic));
  out.byte(header.full ? 1 : 0);
  out.byte(header.hashBits);
  out.varint(header.bucketSeconds);
  out.varint(header.v);
  const salt = new TextEncoder().encode(header.salt);
  out.byte(salt.length);
  out.raw(salt);
  out.varint(groups.length);
  for (const group of groups) out.raw(group);
  return out.bytes.slice(0, out.length);
}

class Reader {
  offset = 0;
  constructor(readonly bytes: Uint8Array) {}
  byte(): number {
    if (this.offset >= this.bytes.length) throw new RangeError('truncated');
    return this.bytes[this.offset++] ?? 0;
  }
  varint(): number {
    let value = 0;
    for (let shift = 0; shift < 53; shift += 7) {
      const byte = this.byte();
      value += (byte & 0x7f) * 2 ** shift;
      if (!(byte & 0x80)) {
        if (!Number.isSafeInteger(value)) break;
        return value;
      }
    }
    throw new RangeError('varint too long');
  }
  take(length: number): Uint8Array {
    if (this.offset + length > this.bytes.length) throw new RangeError('truncated');
    this.offset += length;
    return this.bytes.subarray(this.offset - length, this.offset);
  }
}

/** The header and each group still Rice-coded, so a verifier can decode a group at a time between frames. */
export interface CompactHeader extends Omit<CompactRevocations, 'groups'> {
  groups: { bucket: number; hi: number; count: number; decoder: () => RiceDecoder }[];
}

export function readCompactHeader(bytes: Uint8Array): CompactHeader | null {
  const input = new Reader(bytes);
  try {
    if (compactMagic.some((byte) => input.byte() !== byte)) return null;
    const flags = input.byte();
    const hashBits = input.byte();
    const bucketSeconds = input.varint();
    if (flags > 1 || hashBits < 8 || hashBits > 32 || bucketSeconds < 1) return null;
    const v = input.varint();
    const salt = new TextDecoder('utf-8', { fatal: true }).decode(input.take(input.byte()));
    if (!/^[A-Za-z0-9_-]{16,64}$/.test(salt)) return null;
    const groupCount = input.varint();
    const groups: CompactHeader['groups'] = [];
    let entries = 0;
    for (let i = 0; i < groupCount; i++) {
      const bucket = input.varint();
      const hiOffset = input.varint();
      const count = input.varint();
      const k = input.byte();
      const riceBytes = input.take(input.varint());
      entries += count;
      if (hiOffset >= bucketSeconds || count > 2 ** hashBits || entries > maxCompactEntries || k > hashBits) return null;
      groups.push({ bucket, hi: bucket * bucketSeconds + hiOffset, count, decoder: () => new RiceDecoder(riceBytes, count, k, hashBits) });
    }
    if (input.offset !== bytes.length) return null;
    return { v, salt, full: flags === 1, hashBits, bucketSeconds, groups };
  } catch (error) {
    if (error instanceof RangeError || error instanceof TypeError) return null;
    throw error;
  }
}

/** The whole list decoded at once, or null for anything this encoder could not have written. */
export function decodeCompactRevocations(bytes: Uint8Array): CompactRevocations | null {
  const header = readCompactHeader(bytes);
  if (!header) return null;
  const groups: RevocationGroup[] = [];
  for (const group of header.groups) {
    const decoder = group.decoder();
    if (decoder.step() !== 'done') return null;
    groups.push({ bucket: group.bucket, hi: group.hi, hashes: decoder.values });
  }
  return { ...header, groups };
}
