/**
 * How the ZXing-C++ decoder is asked, pure over any `read` function so that it runs the same in the
 * browser (WebAssembly from this origin) and in unit tests (the same WebAssembly under Node).
 */
import type { ReadResult, ReaderOptions } from 'zxing-wasm/reader';

export type ReadCodes = (input: Blob | Uint8Array | ImageData, options: ReaderOptions) => Promise<ReadResult[]>;

/** Up to this many codes are read from one image: a poster beside a door rarely shows more. */
const maxCodes = 8;

/** Every camera frame and the first look at a photo: ZXing's thorough defaults (the BarcodeDetector polyfill's). */
export const firstPass: ReaderOptions = {
  formats: ['QRCode'],
  maxNumberOfSymbols: maxCodes,
  tryHarder: true,
  tryRotate: true,
  tryInvert: true,
  tryDownscale: true,
  binarizer: 'LocalAverage',
};

/**
 * A photo the first pass misses gets these, in order: a global threshold copes with glare and soft
 * focus that defeat the local one, a finer downscale finds a code that fills a large photo, and a fixed
 * threshold reads washed-out prints. Each is a full decode, so they run only when needed.
 */
export const extraPhotoPasses: readonly ReaderOptions[] = [
  { ...firstPass, binarizer: 'GlobalHistogram', tryDenoise: true },
  { ...firstPass, downscaleFactor: 2, downscaleThreshold: 240, tryDenoise: true },
  { ...firstPass, binarizer: 'FixedThreshold' },
];

/**
 * A kit's UDI from every camera frame: the three symbologies GS1 prints on pouches and boxes, asked for
 * only on the kit screen so that place-code scanning keeps its QR-only speed. Plain text keeps FNC1 as
 * the GS character (the HRI form would break a lot or serial holding a bracket), and the symbology
 * identifier (]d2, ]Q3, ]C1) is put back in front by `kitTexts`, as a hand scanner would send it.
 */
export const kitPass: ReaderOptions = {
  ...firstPass,
  formats: ['DataMatrix', 'QRCode', 'Code128'],
  textMode: 'Plain',
  maxNumberOfSymbols: 4,
};

/** Distinct, non-empty texts of valid codes, in the order ZXing found them. */
export function codeTexts(results: readonly ReadResult[]): string[] {
  return [...new Set(results.filter((result) => result.isValid && result.text !== '').map((result) => result.text))];
}

/** Like `codeTexts`, each text led by its symbology identifier, so core/gs1.ts knows GS1 data from plain text. */
export function kitTexts(results: readonly ReadResult[]): string[] {
  return codeTexts(results.map((result) => ({ ...result, text: result.text === '' ? '' : `${result.symbologyIdentifier}${result.text}` })));
}

/** What a scan screen reads from each frame: place and health codes (QR), or a kit's UDI barcode. */
export type ScanKind = 'qr' | 'kit';

export const framePasses: Record<ScanKind, { options: ReaderOptions; texts: (results: readonly ReadResult[]) => string[] }> = {
  qr: { options: firstPass, texts: codeTexts },
  kit: { options: kitPass, texts: kitTexts },
};

/** The texts the screen wants first (a venue code on the scan screen, a health code on the verifier), then the rest. */
export function preferWanted(texts: readonly string[], wanted: (text: string) => boolean): string[] {
  return [...texts.filter(wanted), ...texts.filter((text) => !wanted(text))];
}

/**
 * Reads a photo pass after pass until one finds a code the screen wants, keeping every other code
 * found on the way (a wrong code is still worth naming to the user when no right one turns up).
 */
export async function readPhotoCodes(read: ReadCodes, input: Parameters<ReadCodes>[0], wanted: (text: string) => boolean): Promise<string[]> {
  const found = new Set<string>();
  for (const options of [firstPass, ...extraPhotoPasses]) {
    for (const text of codeTexts(await read(input, options))) found.add(text);
    if ([...found].some(wanted)) break;
  }
  return preferWanted([...found], wanted);
}
