/**
 * The kit pass against the real ZXing-C++ WebAssembly (run under Node) on GS1 symbols drawn by ZXing's
 * own writer: every format a kit carries comes out as text core/gs1.ts reads back to the same UDI, and
 * the place-code pass still asks for QR codes only.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import { gs1Symbol, symbolLuma, type Gs1Format } from '../../testing/images/gs1-barcode.ts';
import { parseGs1, type Udi } from '../../core/gs1.ts';
import { firstPass, framePasses, kitPass } from './qr-passes.ts';

beforeAll(async () => {
  const wasm = readFileSync('node_modules/zxing-wasm/dist/reader/zxing_reader.wasm');
  await prepareZXingModule({ overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) }, fireImmediately: true });
});

/** The symbol on a grey picture as RGBA pixels, the shape a camera frame reaches the decoder in. */
async function picture(udi: Udi, format: Gs1Format) {
  const symbol = await gs1Symbol(udi, format);
  const [width, height] = [720, 400];
  const luma = format === 'Code128' ? symbolLuma(symbol, width, height, 2, 120) : symbolLuma(symbol, width, height, 8, undefined, 2);
  const data = new Uint8ClampedArray(width * height * 4);
  luma.forEach((value, index) => data.set([value, value, value, 255], index * 4));
  return { width, height, data, colorSpace: 'srgb' as const };
}

// A lot and serial of GS1's other characters, with the serial after the lot so a GS must end the lot.
const udi: Udi = { gtin: '06901234567892', expiresOn: '2027-12-31', lot: 'A-1/B', serial: 'S0001' };

describe('the kit pass', { timeout: 60_000 }, () => {
  for (const format of ['DataMatrix', 'QRCode', 'Code128'] as const) {
    it(`reads a GS1 ${format} back to its UDI`, async () => {
      const [text, ...rest] = framePasses.kit.texts(await readBarcodes(await picture(udi, format), kitPass));
      expect(rest).toEqual([]);
      expect(text?.startsWith(']')).toBe(true);
      expect(parseGs1(text ?? '')).toEqual({ ok: true, udi });
    });
  }

  it('is not what the place-code scanner asks for: it still looks for QR codes only', async () => {
    expect(firstPass.formats).toEqual(['QRCode']);
    expect(framePasses.qr.options).toBe(firstPass);
    expect(await readBarcodes(await picture(udi, 'DataMatrix'), firstPass)).toEqual([]);
  });
});
