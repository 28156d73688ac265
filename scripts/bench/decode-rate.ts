/**
 * Decode rate and time over a generated set of distorted place-code pictures (testing/images/distorted-qr.ts),
 * for the decoders the app ships and their peers, on the same pixels, under Node:
 * - the photo chain as shipped: the four ZXing-C++ passes (app/scanner/qr-passes.ts), then html5-qrcode's
 *   own decoder for what they miss (app/scanner/decode-photo.ts);
 * - the first ZXing-C++ pass alone: what the camera runs on every frame;
 * - html5-qrcode's own decoder alone (zxing-js, as html5-qrcode configures it);
 * - jsQR (devDependency).
 * The ZXing WebAssembly is the same file the browser loads; only the JavaScript around it runs in Node.
 *
 *   npm run bench:decode            (also part of npm run bench)
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as Html5CoreModule from 'html5-qrcode/esm/core.js';
import type * as Html5DecoderModule from 'html5-qrcode/esm/zxing-html5-qrcode-decoder.js';
import jsQR from 'jsqr';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import { codeTexts, firstPass, readPhotoCodes } from '../../app/scanner/qr-passes.ts';
import { renderScene, toRgba, type Scene } from '../../testing/images/distorted-qr.ts';

type Pixels = ReturnType<typeof toRgba>;
type Decoder = (image: Pixels) => Promise<string | undefined>;

/** zxing-wasm reads only width, height and data of an ImageData, which Node does not have. */
const asImageData = (image: Pixels) => image as unknown as ImageData;

/** The length and alphabet of a real place-code URL (244 characters, bench:scan), so the QR has the real version. */
const venueUrl = `https://suishen.example/v?c=v1.Ab3kQ9.${'eyJ0IjoidmVudWUiLCJpZCI6IjEyMzQ1Njc4In0'.repeat(3)}.${'Q7x-_s2'.repeat(13)}`.slice(0, 244);

const perFamily = 30;
const frame = 480;

/** Seven families of distortion, each from mild to severe over `perFamily` pictures. */
const families: Record<string, (severity: number, index: number) => Omit<Scene, 'width' | 'height' | 'codes' | 'seed'> & { code: Partial<Scene['codes'][number]> }> = {
  rotation: (s) => ({ blur: 1, code: { rotationDeg: 5 + s * 80 } }),
  perspective: (s, i) => ({ blur: 1, code: { tilt: 0.05 + s * 0.45, rotationDeg: i % 2 ? 10 : -10 } }),
  blur: (s) => ({ blur: Math.round(1 + s * 2), code: {} }),
  noise: (s) => ({ noise: 5 + s * 70, code: {} }),
  'low contrast': (s) => ({ contrast: 0.5 - s * 0.45, noise: 3, code: {} }),
  glare: (s, i) => ({ glare: { x: frame / 2 + (i % 3) * 40 - 40, y: frame / 2, radius: 60 + s * 90, strength: 0.3 + s * 0.9 }, code: {} }),
  'small size': (s) => ({ code: { side: 320 - s * 230 } }),
};

export function distortedSet(): { family: string; image: Pixels }[] {
  return Object.entries(families).flatMap(([family, make]) =>
    Array.from({ length: perFamily }, (_, index) => {
      const { code, ...rest } = make(index / (perFamily - 1), index);
      const scene: Scene = {
        width: frame,
        height: frame,
        seed: index + 1,
        ...rest,
        codes: [{ text: venueUrl, x: frame / 2 + (index % 5) * 6 - 12, y: frame / 2, side: 320, ...code }],
      };
      return { family, image: toRgba(renderScene(scene)) };
    }),
  );
}

async function decoders(): Promise<Record<string, Decoder>> {
  const wasm = readFileSync('node_modules/zxing-wasm/dist/reader/zxing_reader.wasm');
  await prepareZXingModule({ overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) }, fireImmediately: true });
  // html5-qrcode's ESM build imports without file extensions, which Node cannot resolve: its CommonJS build is the same code.
  const require = createRequire(import.meta.url);
  const { ZXingHtml5QrcodeDecoder } = require('html5-qrcode/cjs/zxing-html5-qrcode-decoder.js') as typeof Html5DecoderModule;
  const { Html5QrcodeSupportedFormats, BaseLoggger } = require('html5-qrcode/cjs/core.js') as typeof Html5CoreModule;
  const html5 = new ZXingHtml5QrcodeDecoder([Html5QrcodeSupportedFormats.QR_CODE], false, new BaseLoggger(false));
  // The decoder reads a canvas only through getContext('2d').getImageData: these pixels stand in for one.
  const html5Decode: Decoder = (image) => {
    const canvas = { width: image.width, height: image.height, getContext: () => ({ getImageData: () => image }) };
    return html5.decodeAsync(canvas as unknown as HTMLCanvasElement).then(
      (result) => result.text,
      () => undefined,
    );
  };
  const wanted = (text: string) => text === venueUrl;
  return {
    'photo chain as shipped (4 ZXing-C++ passes, then html5-qrcode)': async (image) =>
      (await readPhotoCodes(readBarcodes, asImageData(image), wanted))[0] ?? (await html5Decode(image)),
    'ZXing-C++ first pass alone (every camera frame)': async (image) => codeTexts(await readBarcodes(asImageData(image), firstPass))[0],
    'html5-qrcode’s own decoder alone (zxing-js)': html5Decode,
    'jsQR 1.4.0': (image) => Promise.resolve(jsQR(image.data, image.width, image.height)?.data),
  };
}

export async function decodeRateSection(): Promise<string[]> {
  const set = distortedSet();
  const familyNames = Object.keys(families);
  const rows: string[] = [];
  for (const [name, decode] of Object.entries(await decoders())) {
    const read = new Map(familyNames.map((family) => [family, 0]));
    const times: number[] = [];
    let wrong = 0;
    for (const { family, image } of set) {
      const started = performance.now();
      const text = await decode(image);
      times.push(performance.now() - started);
      if (text === venueUrl) read.set(family, (read.get(family) ?? 0) + 1);
      else if (text !== undefined) wrong++;
    }
    times.sort((a, b) => a - b);
    const total = [...read.values()].reduce((sum, count) => sum + count, 0);
    const median = times[Math.floor(times.length / 2)] ?? Number.NaN;
    rows.push(
      `| ${name} | **${total}/${set.length}** (${((100 * total) / set.length).toFixed(0)} %) | ${familyNames.map((family) => `${read.get(family) ?? 0}`).join(' | ')} | ${wrong} | ${median.toFixed(0)} ms | ${(times.reduce((a, b) => a + b, 0) / 1000).toFixed(1)} s |`,
    );
    console.log(rows.at(-1));
  }
  return [
    '## Decode rate',
    '',
    `${set.length} generated pictures of one place-code URL (${venueUrl.length} characters, QR version as printed), ${frame}×${frame} px,`,
    `${perFamily} in each of ${familyNames.length} families from mild to severe (testing/images/distorted-qr.ts, seeded: the same pixels every run):`,
    'rotation 5°–85°; perspective (far edge 5 %–50 % narrower); box blur radius 1–3 (three passes); Gaussian noise σ 5–75; contrast 50 %–5 %;',
    'glare up to 120 % white over the code; code side 320–90 px. Every decoder gets the same RGBA pixels, one at a time, in Node',
    '(the ZXing-C++ WebAssembly is the file the browser loads). "Wrong" counts texts other than the code’s; time is per picture.',
    '',
    `| decoder | read | ${familyNames.join(' | ')} | wrong | median time | total |`,
    `|---|---|${familyNames.map(() => '---').join('|')}|---|---|---|`,
    ...rows,
  ];
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) console.log((await decodeRateSection()).join('\n'));
