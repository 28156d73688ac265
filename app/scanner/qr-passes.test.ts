/**
 * The photo passes against the real ZXing-C++ WebAssembly (run under Node), on generated pictures:
 * a picture holding two codes, and a faded, noisy one that only a second pass reads.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import { renderScene, type Scene } from '../../testing/images/distorted-qr.ts';
import { encodePng } from '../../testing/images/png.ts';
import { codeTexts, firstPass, preferWanted, readPhotoCodes, type ReadCodes } from './qr-passes.ts';

const venueCode = `https://wallet.example/v?c=v1.k1.${'eyJ0IjoidmVudWUiLCJpZCI6IjEyMzQ1Njc4In0'.repeat(3)}.${'s'.repeat(86)}`;
const healthCode = `SSM1~v1.k1.${'eyJ0IjoiY3JlZCJ9'.repeat(6)}.${'s'.repeat(86)}~1764300000~${'d'.repeat(86)}`;
const isVenue = (text: string) => text.startsWith('https://wallet.example/v?c=');
const isHealth = (text: string) => text.startsWith('SSM1~');

/** The picture as a PNG file, as a photo reaches the decoder. */
function photo(scene: Scene): Uint8Array {
  const { width, height, grey } = renderScene(scene);
  return encodePng(width, height, (x, y) => {
    const value = grey[y * width + x] ?? 0;
    return [value, value, value, 255];
  });
}

const calls: number[] = [];
const read: ReadCodes = (input, options) => {
  calls.push(1);
  return readBarcodes(input, options);
};

beforeAll(async () => {
  const wasm = readFileSync('node_modules/zxing-wasm/dist/reader/zxing_reader.wasm');
  await prepareZXingModule({ overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) }, fireImmediately: true });
});

const twoCodes = photo({
  width: 640,
  height: 360,
  codes: [
    { text: healthCode, x: 160, y: 180, side: 290, rotationDeg: 8 },
    { text: venueCode, x: 480, y: 180, side: 290, rotationDeg: -5 },
  ],
});

describe('readPhotoCodes', () => {
  it('puts the venue code first on the scan screen and the health code first on the verifier, from one picture holding both', async () => {
    expect(await readPhotoCodes(read, twoCodes, isVenue)).toEqual([venueCode, healthCode]);
    expect(await readPhotoCodes(read, twoCodes, isHealth)).toEqual([healthCode, venueCode]);
  });

  it('stops after the first pass when it found a wanted code', async () => {
    calls.length = 0;
    await readPhotoCodes(read, twoCodes, isVenue);
    expect(calls).toHaveLength(1);
  });

  it('reads a faded, noisy picture that the first pass misses', async () => {
    const faded = photo({ width: 400, height: 400, contrast: 0.12, noise: 6, codes: [{ text: venueCode, x: 200, y: 200, side: 300 }] });
    expect(codeTexts(await read(faded, firstPass))).toEqual([]);
    expect(await readPhotoCodes(read, faded, isVenue)).toEqual([venueCode]);
  });

  it('still names the only code a picture holds when it is not the one wanted, after trying every pass', async () => {
    const onlyHealth = photo({ width: 400, height: 400, codes: [{ text: healthCode, x: 200, y: 200, side: 320 }] });
    calls.length = 0;
    expect(await readPhotoCodes(read, onlyHealth, isVenue)).toEqual([healthCode]);
    expect(calls).toHaveLength(4);
  });

  it('finds nothing in a picture without a code', async () => {
    expect(await readPhotoCodes(read, photo({ width: 200, height: 200, codes: [], noise: 10 }), isVenue)).toEqual([]);
  });
});

describe('preferWanted', () => {
  it('moves wanted texts forward and keeps the order within each group', () => {
    expect(preferWanted(['a1', 'b1', 'a2', 'b2'], (text) => text.startsWith('b'))).toEqual(['b1', 'b2', 'a1', 'a2']);
    expect(preferWanted(['a1'], () => false)).toEqual(['a1']);
  });
});
