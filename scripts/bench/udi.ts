/**
 * Part of `npm run bench:antigen`: every GS1 form a kit's UDI takes (GTIN with expiry, lot and serial, and
 * the subsets kits print), written by ZXing's writer as DataMatrix, QR and GS1-128, drawn at two sizes,
 * read by the same ZXing-C++ WebAssembly and options the app ships for the kit scan (app/scanner/qr-passes.ts
 * `kitPass`), and parsed by core/gs1.ts. A form counts as read when the parsed UDI equals the one written.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import { framePasses } from '../../app/scanner/qr-passes.ts';
import { parseGs1, type Udi } from '../../core/gs1.ts';
import { gs1Symbol, symbolLuma, type Gs1Format } from '../../testing/images/gs1-barcode.ts';

const gtin = '06901234567892';
export const udiForms: { label: string; udi: Udi }[] = [
  { label: '01 + 17 + 10 + 21', udi: { gtin, expiresOn: '2027-12-31', lot: 'WF22A04', serial: 'SN000123' } },
  { label: '01 + 17 + 10', udi: { gtin, expiresOn: '2027-06-30', lot: '2204031', serial: null } },
  { label: '01 + 17 + 21', udi: { gtin, expiresOn: '2026-01-15', lot: null, serial: 'A1B2C3D4E5F6' } },
  { label: '01 + 10 + 21', udi: { gtin, expiresOn: null, lot: 'L-7/2', serial: '0001' } },
  { label: '01 + 17', udi: { gtin, expiresOn: '2028-02-29', lot: null, serial: null } },
  { label: '01 + 10', udi: { gtin, expiresOn: null, lot: 'LOT12345678901234567', serial: null } },
  { label: '01 + 21', udi: { gtin, expiresOn: null, lot: null, serial: '12345678901234567890' } },
  { label: '01', udi: { gtin, expiresOn: null, lot: null, serial: null } },
];
const formats: Gs1Format[] = ['DataMatrix', 'QRCode', 'Code128'];

async function readsBack(udi: Udi, format: Gs1Format, small: boolean): Promise<boolean> {
  const symbol = await gs1Symbol(udi, format);
  const [width, height] = [960, 540];
  const moduleSide = format === 'Code128' ? (small ? 1 : 2) : small ? 4 : 10;
  const luma = format === 'Code128' ? symbolLuma(symbol, width, height, moduleSide, 120) : symbolLuma(symbol, width, height, moduleSide, undefined, 2);
  const data = new Uint8ClampedArray(width * height * 4);
  luma.forEach((value, index) => data.set([value, value, value, 255], index * 4));
  const { options, texts } = framePasses.kit;
  const read = texts(await readBarcodes({ width, height, data, colorSpace: 'srgb' }, options));
  return read.some((text) => {
    const parsed = parseGs1(text);
    return parsed.ok && JSON.stringify(parsed.udi) === JSON.stringify(udi);
  });
}

export async function udiRows(): Promise<string[]> {
  const wasm = readFileSync(createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm'));
  await prepareZXingModule({ overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) }, fireImmediately: true });
  const rows: string[] = [];
  let total = 0;
  let read = 0;
  for (const { label, udi } of udiForms) {
    const cells: string[] = [];
    for (const format of formats) {
      const results = [await readsBack(udi, format, false), await readsBack(udi, format, true)];
      total += results.length;
      read += results.filter(Boolean).length;
      cells.push(results.map((ok) => (ok ? 'read' : '**missed**')).join(' / '));
    }
    rows.push(`| ${label} | ${cells.join(' | ')} |`);
  }
  return [
    '## Antigen kit barcodes (UDI)',
    '',
    'Same script (scripts/bench/udi.ts). Each GS1 form written by ZXing-C++’s writer (zxing-wasm/writer, FNC1 first) as',
    'DataMatrix, QR and GS1-128, drawn on a 960×540 grey picture large (10 px a module; 2 px a bar module) and small (4 px; 1 px),',
    'read with the options the app’s kit scan uses (`kitPass`: DataMatrix, QR, Code 128; Plain text, symbology identifier in',
    'front) and parsed by core/gs1.ts; "read" means the parsed UDI equals the one written.',
    `Read: ${read} of ${total}.`,
    '',
    '| form | DataMatrix (large / small) | QR (large / small) | GS1-128 (large / small) |',
    '|---|---|---|---|',
    ...rows,
  ];
}
