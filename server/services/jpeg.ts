/**
 * Reads what a JPEG really is from its bytes: the start-of-image marker and the frame header's size.
 * The upload declares type, size and dimensions; this is how the server finds out whether they lie.
 */
export interface JpegInfo {
  width: number;
  height: number;
}

/** Start-of-frame markers (baseline, progressive, …); C4, C8 and CC are other segments with the same prefix. */
function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

export function readJpegInfo(bytes: Uint8Array): JpegInfo | null {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  let offset = 2;
  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff) return null;
    const marker = bytes[offset + 1] ?? 0;
    if (marker === 0xff) {
      offset += 1;
      continue;
    }
    const length = ((bytes[offset + 2] ?? 0) << 8) | (bytes[offset + 3] ?? 0);
    if (length < 2) return null;
    if (isStartOfFrame(marker)) {
      if (offset + 9 > bytes.length) return null;
      const height = ((bytes[offset + 5] ?? 0) << 8) | (bytes[offset + 6] ?? 0);
      const width = ((bytes[offset + 7] ?? 0) << 8) | (bytes[offset + 8] ?? 0);
      return width > 0 && height > 0 ? { width, height } : null;
    }
    offset += 2 + length;
  }
  return null;
}

/** What the whole marker stream says, read without decoding: enough to refuse a picture before it costs anything. */
export interface JpegStructure extends JpegInfo {
  progressive: boolean;
  /** Start-of-scan segments: each costs a decoder a pass over every block of the components it covers. */
  scans: number;
  frames: number;
}

/** Skips a scan's entropy-coded bytes to the next marker (a 0xFF not followed by a stuffed 0x00, a restart or fill). */
function endOfScanData(bytes: Uint8Array, from: number): number {
  let offset = from;
  while (offset + 1 < bytes.length) {
    if (bytes[offset] === 0xff) {
      const next = bytes[offset + 1] ?? 0;
      if (next !== 0x00 && next !== 0xff && (next < 0xd0 || next > 0xd7)) return offset;
    }
    offset += 1;
  }
  return bytes.length;
}

/** Walks every segment up to EOI (one pass over the bytes, no decoding); null when the stream is not a well-formed JPEG. */
export function readJpegStructure(bytes: Uint8Array): JpegStructure | null {
  const info = readJpegInfo(bytes);
  if (!info) return null;
  let progressive = false;
  let scans = 0;
  let frames = 0;
  let offset = 2;
  while (offset + 2 <= bytes.length) {
    if (bytes[offset] !== 0xff) return null;
    const marker = bytes[offset + 1] ?? 0;
    if (marker === 0xff) {
      offset += 1;
      continue;
    }
    if (marker === 0xd9) return { ...info, progressive, scans, frames };
    if (offset + 4 > bytes.length) return null;
    const length = ((bytes[offset + 2] ?? 0) << 8) | (bytes[offset + 3] ?? 0);
    if (length < 2) return null;
    if (isStartOfFrame(marker)) {
      frames += 1;
      if (marker === 0xc2 || marker === 0xc6 || marker === 0xca || marker === 0xce) progressive = true;
    }
    offset += 2 + length;
    if (marker === 0xda) {
      scans += 1;
      offset = endOfScanData(bytes, offset);
    }
  }
  // No EOI: a truncated upload still decodes in part; judge it by what it has.
  return { ...info, progressive, scans, frames };
}

/**
 * The most scans a cassette photo may have. Browsers' canvas encoders write one (baseline); libjpeg's
 * progressive script writes 10 for colour, and mozjpeg's search a few more. A crafted file with thousands
 * of tiny scans holds jpeg-js for seconds, so the count is checked before any decoding.
 */
export const jpegScanLimits = { baseline: 4, progressive: 64 } as const;

/** Why a JPEG's structure is refused before decoding, or null when it may be decoded. */
export function jpegStructureProblem(structure: JpegStructure, maxSide: number): string | null {
  if (structure.frames !== 1) return `${structure.frames} frames; a photo has one.`;
  if (structure.width > maxSide || structure.height > maxSide) return `${structure.width}×${structure.height} is larger than ${maxSide} a side.`;
  const limit = structure.progressive ? jpegScanLimits.progressive : jpegScanLimits.baseline;
  if (structure.scans < 1) return 'no image data.';
  if (structure.scans > limit) return `${structure.scans} scans; a ${structure.progressive ? 'progressive' : 'baseline'} photo has at most ${limit}.`;
  return null;
}
