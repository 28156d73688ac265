/**
 * `npm run bench:cassette-camera`: how often the upload screen's camera would take the cassette photo by itself,
 * and never on a frame without a cassette. Frames are generated at 360×480 (a portrait phone frame at the size the
 * camera checks it): the strip-reading set's cassettes (testing/images/antigen-photo-set.ts: placement, angle, light,
 * colour cast, blur, noise), and frames without a cassette (a kit's DataMatrix on its pouch, an empty table, a sheet
 * of white paper). Each is judged as three identical frames 300 ms apart (app/features/antigen/cassette-framing.ts),
 * so this measures the finder and the framing rule, not a hand's tremor. Prints a Markdown section.
 */
import { performance } from 'node:perf_hooks';
import { randomScene, renderCassette } from '../../testing/images/cassette-fixture.ts';
import { findCassetteWindow, readStrip } from '../../core/antigen/strip-reader.ts';
import { kitTemplates } from '../../core/antigen/kit-templates.ts';
import type { Raster } from '../../core/antigen/raster.ts';
import { judgeFraming, type Framing } from '../../app/features/antigen/cassette-framing.ts';
import { gs1Symbol, symbolLuma } from '../../testing/images/gs1-barcode.ts';
import { stripScene, type StripClass } from '../../testing/images/antigen-photo-set.ts';

const perClass = Number(process.env.FRAMES ?? 60);
const width = 360;
const height = 480;
const checkTimes: number[] = [];

function judge(raster: Raster): { framing: Framing; found: boolean } {
  const started = performance.now();
  const cassette = findCassetteWindow(raster);
  checkTimes.push(performance.now() - started);
  return { found: cassette !== null, framing: judgeFraming([0, 300, 600].map((at) => ({ at, frame: { width, height }, cassette }))) };
}

const grey = (luma: Uint8Array): Raster => {
  const data = new Uint8ClampedArray(width * height * 4);
  luma.forEach((value, index) => data.fill(value, index * 4, index * 4 + 3));
  for (let offset = 3; offset < data.length; offset += 4) data[offset] = 255;
  return { width, height, data };
};

console.log(`## Cassette camera: when it takes the photo by itself\n`);
console.log('| frames | found the cassette and its window | taken by itself | of those taken, strip read "cannot read" | why not taken (closer / inside / not found) |');
console.log('|---|---|---|---|---|');
for (const kind of ['negative', 'faint positive', 'positive', 'invalid'] as const satisfies readonly StripClass[]) {
  let found = 0;
  let taken = 0;
  let unreadable = 0;
  const why = { closer: 0, inside: 0, searching: 0 };
  // The strip-reading benchmark's own scenes (bench-antigen.ts), so "cannot read" compares with its figures.
  for (let index = 0; index < perClass; index += 1) {
    const raster = renderCassette(stripScene(kind, 5000 + index));
    const verdict = judge(raster);
    if (verdict.found) found += 1;
    if (verdict.framing === 'steady') {
      taken += 1;
      if (readStrip(raster, kitTemplates.generated).result === 'unreadable') unreadable += 1;
    } else if (verdict.framing !== 'hold') why[verdict.framing] += 1;
  }
  console.log(`| ${kind} cassette (${perClass}) | ${found} | ${taken} | ${unreadable} | ${why.closer} / ${why.inside} / ${why.searching} |`);
}

const without: { kind: string; raster: Raster }[] = [];
for (let seed = 1; seed <= perClass; seed += 1) {
  const symbol = await gs1Symbol({ gtin: '06901234567892', expiresOn: '2099-12-31', lot: `L${seed}`, serial: `S${seed}` }, 'DataMatrix');
  without.push({ kind: 'kit DataMatrix on its pouch', raster: grey(symbolLuma(symbol, width, height, 6 + (seed % 5), undefined, 2)) });
  const table = randomScene(seed + 5000, { width, height });
  without.push({ kind: 'empty table', raster: renderCassette({ ...table, cassette: { ...table.cassette, length: 0.001 } }) });
  const paper = new Uint8Array(width * height).fill(90 + (seed % 60));
  const side = 200 + (seed % 100);
  for (let y = 80; y < 80 + side; y += 1) paper.fill(240, y * width + 40, y * width + 40 + Math.round(side * 0.7));
  without.push({ kind: 'white paper', raster: grey(paper) });
}
let takenWithout = 0;
for (const kind of ['kit DataMatrix on its pouch', 'empty table', 'white paper']) {
  const frames = without.filter((frame) => frame.kind === kind);
  const taken = frames.filter((frame) => judge(frame.raster).framing === 'steady').length;
  takenWithout += taken;
  console.log(`| no cassette: ${kind} (${frames.length}) | – | ${taken} (must be 0) | – | – |`);
}
const sorted = [...checkTimes].sort((a, b) => a - b);
const at = (share: number) => (sorted[Math.floor(sorted.length * share)] ?? 0).toFixed(1);
console.log(`\nOne check (findCassetteWindow on a 360×480 frame) in Node on this machine: median ${at(0.5)} ms, 95th percentile ${at(0.95)} ms, over ${sorted.length} frames.`);
if (takenWithout > 0) {
  console.error(`${takenWithout} frames without a cassette would have been taken as its photo`);
  process.exit(1);
}
