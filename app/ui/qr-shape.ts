/** What an encoded QR is drawn from; apart from the encoder (qr-path.ts), so drawing one does not load it. */
export interface QrShape {
  /** Modules per side, without the quiet zone. */
  size: number;
  /** One SVG path drawing every dark module as a 1×1 square, offset by the quiet zone. */
  path: string;
}

/** The quiet zone the QR standard asks for, in modules; scanners need it to find the code. */
export const quietZone = 4;

/**
 * How much of a symbol may be lost and still read: M (15%) survives glare on a phone screen and stays
 * small; Q (25%) is for paper, which gets folded, smudged and worn in a pocket.
 */
export type ErrorCorrection = 'M' | 'Q';
