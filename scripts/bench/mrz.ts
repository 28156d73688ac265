/**
 * npm run bench:mrz — how many MRZs the door's passport reader reads, and how fast, over generated camera frames
 * of passports and ID cards (testing/mrz-scene.ts: OCR-B, sizes, tilts, blur, light). Each frame goes through
 * the app's own pipeline (app/mrz/mrz-ocr.ts: band finder, Tesseract with the same model and settings, grid,
 * check digits) in Node's tesseract.js. A read that passes its check digits but is not the document shown is a
 * wrong read: the goal for those is none. FRAMES=n runs the first n scenes only.
 */
import { loadavg } from 'node:os';
import { createWorker, OEM } from 'tesseract.js';
import { mrzInitConfig, prepareMrzWorker, readMrzFrame } from '../../app/mrz/mrz-ocr.ts';
import { travelDocuments } from '../../testing/mrz-documents.ts';
import { createSceneRenderer, rgbaToLuma, type MrzScene } from '../../testing/mrz-scene.ts';

const fills = [0.45, 0.65, 0.85];
const angles = [-6, -2, 3, 7];
const conditions = [
  { name: 'sharp, even light', blur: 0.4, light: 1, glare: 0 },
  { name: 'soft focus', blur: 1.4, light: 1, glare: 0 },
  { name: 'dim', blur: 0.7, light: 0.6, glare: 0 },
  { name: 'glare', blur: 0.7, light: 1.1, glare: 0.6 },
];

const scenes: (MrzScene & { condition: string })[] = [];
let seed = 1;
for (const document of travelDocuments) {
  for (const fill of fills) {
    for (const [i, condition] of conditions.entries()) {
      const angle = angles[(seed + i) % angles.length] ?? 0;
      scenes.push({ document, frameWidth: 1280, frameHeight: 720, fill, angle, blur: condition.blur, light: condition.light, glare: condition.glare, seed: (seed += 1), condition: condition.name });
    }
  }
}
const limit = Number(process.env.FRAMES ?? scenes.length);
const chosen = scenes.slice(0, limit);

const renderer = await createSceneRenderer();
const worker = await createWorker('eng', OEM.LSTM_ONLY, { langPath: 'node_modules/@tesseract.js-data/eng/4.0.0_best_int', cacheMethod: 'none' }, mrzInitConfig);
await prepareMrzWorker(worker);
const loadBefore = loadavg()[0] ?? 0;
const rows: { scene: (typeof chosen)[number]; outcome: 'read' | 'unreadable' | 'no-band' | 'wrong'; ms: number }[] = [];
for (const scene of chosen) {
  const frame = await renderer.render(scene);
  const started = performance.now();
  const outcome = await readMrzFrame(worker, { width: frame.width, height: frame.height, data: rgbaToLuma(frame) }, '2022-04-02');
  const ms = performance.now() - started;
  const kind = outcome.kind === 'read' ? (outcome.read.document.number === scene.document.number ? 'read' : 'wrong') : outcome.kind;
  rows.push({ scene, outcome: kind, ms });
}
await worker.terminate();
await renderer.close();

const count = (filter: (row: (typeof rows)[number]) => boolean) => rows.filter(filter).length;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
console.log(`MRZ frames read: ${count((row) => row.outcome === 'read')}/${rows.length}, wrong reads ${count((row) => row.outcome === 'wrong')}, band not found ${count((row) => row.outcome === 'no-band')}`);
console.log(`Time a frame (band + OCR + checks): median ${median(rows.map((row) => row.ms)).toFixed(0)} ms, slowest ${Math.max(...rows.map((row) => row.ms)).toFixed(0)} ms`);
const by = (label: string, key: (row: (typeof rows)[number]) => string) => {
  const groups = new Map<string, (typeof rows)[number][]>();
  for (const row of rows) groups.set(key(row), [...(groups.get(key(row)) ?? []), row]);
  console.log(`${label}: ${[...groups].map(([name, group]) => `${name} ${group.filter((row) => row.outcome === 'read').length}/${group.length}`).join(', ')}`);
};
by('By format', (row) => row.scene.document.format);
by('By page width in frame', (row) => `${Math.round(row.scene.fill * 100)}%`);
by('By condition', (row) => row.scene.condition);
console.log(`Load average (1 min) ${loadBefore.toFixed(2)} before, ${(loadavg()[0] ?? 0).toFixed(2)} after; frames 1280×720; one Tesseract worker`);
