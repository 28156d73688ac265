/**
 * `npm run bench:antigen`: how well reused cassette photos are caught and strips are read, measured on a generated set
 * (scripts/antigen-photo-set.ts), and written into BENCHMARKS.md's own section for it (the text between
 * its markers is replaced; the rest of the file is left as it is).
 *
 * Every distinct photo is compared with every other (wrong matches) and with each of its altered copies
 * (caught copies), at the threshold in force (server/services/photo-hash.ts) and at its neighbours.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { photoDistances, photoHash, photoHashThresholds, withinThresholds, type PhotoHashThresholds } from '../server/services/photo-hash.ts';
import { renderCassette } from '../core/antigen/cassette-fixture.ts';
import { readStrip, type StripReading } from '../core/antigen/strip-reader.ts';
import { encodeJpeg } from '../server/services/test-jpeg.ts';
import { alteredCopies, decodeJpeg, originalPhoto, stripScene, type StripClass } from './antigen-photo-set.ts';
import { udiRows } from './bench-udi.ts';

const photos = Number(process.env.PHOTOS ?? 200);
/**
 * On a shared machine the photos can be hashed in parallel parts: PHOTO_SEEDS=1-50 HASHES_ONLY=1 writes
 * that part's hashes to a file and stops; HASHES_FROM=file,file,… then writes the section from them
 * (also how other thresholds are measured without drawing the photos again).
 */
const [firstSeed, lastSeed] = (process.env.PHOTO_SEEDS ?? `1-${photos}`).split('-').map(Number) as [number, number];
const hashesFile = join(tmpdir(), `bench-antigen-hashes-${firstSeed}-${lastSeed}.json`);
const started = Date.now();
const originals: string[] = [];
const copies: { kind: string; hash: string; original: string }[] = [];
if (process.env.HASHES_FROM) {
  for (const file of process.env.HASHES_FROM.split(',')) {
    const part = JSON.parse(readFileSync(file, 'utf8')) as { originals: string[]; copies: typeof copies };
    originals.push(...part.originals);
    copies.push(...part.copies);
  }
} else {
  for (let seed = firstSeed; seed <= lastSeed; seed += 1) {
    const jpeg = originalPhoto(seed);
    const hash = photoHash(decodeJpeg(jpeg));
    originals.push(hash);
    for (const copy of alteredCopies(jpeg, seed)) copies.push({ kind: copy.kind, hash: photoHash(decodeJpeg(copy.jpeg)), original: hash });
    if (seed % 10 === 0) console.log(`${seed}/${lastSeed} photos, ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
  writeFileSync(hashesFile, JSON.stringify({ originals, copies }));
  console.log(`hashes kept in ${hashesFile}`);
  if (process.env.HASHES_ONLY) process.exit(0);
}
const hashSeconds = (Date.now() - started) / 1000;

const percent = (part: number, whole: number) => `${((100 * part) / whole).toFixed(2)} %`;
const pairs = originals.flatMap((hash, index) => originals.slice(index + 1).map((other, offset) => ({ a: index, b: index + 1 + offset, ...photoDistances(hash, other) })));
const withKit = (hash: string) => hash.length > 36;
const copyDistances = copies.map((copy) => ({ kind: copy.kind, ...photoDistances(copy.original, copy.hash) }));
const measure = (thresholds: PhotoHashThresholds) => {
  const caught = copyDistances.filter((copy) => withinThresholds(copy, thresholds)).length;
  const falsePairs = pairs.filter((pair) => withinThresholds(pair, thresholds));
  const matchedPhotos = new Set(falsePairs.flatMap((pair) => [pair.a, pair.b])).size;
  return { caught, falsePairs: falsePairs.length, matchedPhotos };
};
const inForce = photoHashThresholds;
const shifted = (by: number): PhotoHashThresholds => ({ scene: inForce.scene + by, kit: inForce.kit + by, kitNear: inForce.kitNear + by, sceneNear: inForce.sceneNear + 2 * by });
const never = -1;
const grid: { label: string; thresholds: PhotoHashThresholds }[] = [
  ...[-4, -2, 0, 2, 4].map((by) => {
    const thresholds = shifted(by);
    return { label: `${thresholds.scene} / ${thresholds.kit} / ${thresholds.kitNear} with ${thresholds.sceneNear}${by === 0 ? ' (in force)' : ''}`, thresholds };
  }),
  { label: `scene hash alone, ${inForce.scene}`, thresholds: { ...inForce, kit: never, kitNear: never } },
  { label: `kit hash alone, ${inForce.kit}`, thresholds: { ...inForce, scene: never, kitNear: never } },
  { label: `either alone, ${inForce.scene} / ${inForce.kitNear}`, thresholds: { ...inForce, kit: inForce.kitNear, kitNear: never } },
];
const gridRows = grid.map(({ label, thresholds }) => {
  const { caught, falsePairs, matchedPhotos } = measure(thresholds);
  return `| ${label} | ${percent(caught, copies.length)} (${caught}/${copies.length}) | ${percent(matchedPhotos, originals.length)} (${matchedPhotos}/${originals.length}) | ${percent(falsePairs, pairs.length)} (${falsePairs}/${pairs.length}) |`;
});
const kinds = [...new Set(copies.map((copy) => copy.kind))];
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const byKind = kinds.map((kind) => {
  const distances = copyDistances.filter((copy) => copy.kind === kind);
  const caught = distances.filter((copy) => withinThresholds(copy)).length;
  const kit = distances.flatMap((distance) => (distance.kit === null ? [] : [distance.kit]));
  return `| ${kind} | ${percent(caught, distances.length)} (${caught}/${distances.length}) | ${median(distances.map((distance) => distance.scene))} / ${Math.max(...distances.map((distance) => distance.scene))} | ${kit.length === 0 ? '–' : `${median(kit)} / ${Math.max(...kit)}`} |`;
});
const sceneSorted = pairs.map((pair) => pair.scene).sort((a, b) => a - b);
const kitSorted = pairs.flatMap((pair) => (pair.kit === null ? [] : [pair.kit])).sort((a, b) => a - b);
const section: string[] = [
  '## Reused antigen photos',
  '',
  `Written by \`npm run bench:antigen\` (scripts/bench-antigen.ts)${process.env.HASHES_FROM ? ', from hashes made in parallel parts (PHOTO_SEEDS)' : `; the photos and their hashes took ${hashSeconds.toFixed(0)} s`}. ${originals.length} distinct generated`,
  'cassette photos (core/antigen/cassette-fixture.ts with `varyDesign`: each its own kit design — width, window, well, brand band —',
  'and its own placement, angle, table, light, colour cast, blur, noise and lines), each uploaded as JPEG quality 85, and',
  `${kinds.length} altered copies of each (${copies.length} copies), each saved again as JPEG (scripts/antigen-photo-set.ts).`,
  'Hash: server/services/photo-hash.ts, two 144-bit DCT hashes (scene: frame trimmed, box around the main object; kit: box',
  'centred on the cassette found, sized by its length). A copy is caught when scene ≤ a, or kit ≤ b, or kit ≤ c with scene ≤ d',
  '(the thresholds "a / b / c with d" below; the kit hash needs both photos to have one).',
  `${originals.filter(withKit).length} of ${photos} originals and ${copies.filter((copy) => withKit(copy.hash)).length} of ${copies.length} copies had a cassette found (a kit hash).`,
  `Distinct pairs (${pairs.length}): scene hash min ${sceneSorted[0] ?? 0}, 1st percentile ${sceneSorted[Math.floor(sceneSorted.length * 0.01)] ?? 0}; kit hash min ${kitSorted[0] ?? '–'}, 1st percentile ${kitSorted[Math.floor(kitSorted.length * 0.01)] ?? '–'}.`,
  'The thresholds were chosen on seeds 1–40 before this run.',
  '',
  '| thresholds (bits of 144) | copies caught (goal ≥ 99 %) | distinct photos wrongly matched (goal ≤ 0.1 %) | distinct pairs matched |',
  '|---|---|---|---|',
  ...gridRows,
  '',
  `| alteration | caught at ${inForce.scene} / ${inForce.kit} / ${inForce.kitNear} with ${inForce.sceneNear} | scene distance median / max | kit distance median / max |`,
  '|---|---|---|---|',
  ...byKind,
];

const stripPerClass = Number(process.env.STRIP_PER_CLASS ?? 60);
const stripClasses: StripClass[] = ['negative', 'faint positive', 'positive', 'invalid'];
/**
 * The strip photos are all of one make of kit (the common layout): the hardest case for telling distinct
 * photos apart. Each seed's scene is drawn once per class with other lines, so only different seeds are distinct photos.
 */
const oneMake: { seed: number; hash: string }[] = [];
const stripRows = stripClasses.map((kind) => {
  const counts: Record<StripReading, number> = { negative: 0, positive: 0, invalid: 0, unreadable: 0 };
  for (let index = 0; index < stripPerClass; index += 1) {
    const picture = decodeJpeg(encodeJpeg(renderCassette(stripScene(kind, 5000 + index)), 85));
    counts[readStrip(picture).result] += 1;
    oneMake.push({ seed: 5000 + index, hash: photoHash(picture) });
  }
  const truth: StripReading = kind === 'faint positive' ? 'positive' : kind;
  const read = stripPerClass - counts.unreadable;
  return {
    kind,
    negatives: counts.negative,
    text: `| ${kind} | ${percent(counts[truth], stripPerClass)} | ${read === 0 ? '–' : percent(counts[truth], read)} | ${percent(counts.unreadable, stripPerClass)} | ${counts.negative} / ${counts.positive} / ${counts.invalid} / ${counts.unreadable} |`,
  };
});
const faintNegatives = stripRows.find((row) => row.kind === 'faint positive')?.negatives ?? 0;
const oneMakePairs = oneMake.flatMap((photo, index) =>
  oneMake.slice(index + 1).flatMap((other, offset) => (other.seed === photo.seed ? [] : [{ a: index, b: index + 1 + offset, ...photoDistances(photo.hash, other.hash) }])),
);
const sameScene = oneMake.flatMap((photo, index) => oneMake.slice(index + 1).filter((other) => other.seed === photo.seed).map((other) => photoDistances(photo.hash, other.hash)));
const oneMakeRows = grid.map(({ label, thresholds }) => {
  const falsePairs = oneMakePairs.filter((pair) => withinThresholds(pair, thresholds));
  const matched = new Set(falsePairs.flatMap((pair) => [pair.a, pair.b])).size;
  return `| ${label} | ${percent(matched, oneMake.length)} (${matched}/${oneMake.length}) | ${percent(falsePairs.length, oneMakePairs.length)} (${falsePairs.length}/${oneMakePairs.length}) |`;
});
section.push(
  '',
  `Distinct photos of one make of kit: the ${oneMake.length} strip-reading photos below (the common layout; placement, angle, table, light`,
  `and lines varied), each compared with every other of another scene (${oneMakePairs.length} pairs). This is what holds the thresholds down.`,
  `(The same scene with other lines in the window, ${sameScene.length} pairs, matches at the thresholds in force in ${sameScene.filter((pair) => withinThresholds(pair)).length}: the hash does not see the lines.)`,
  '',
  '| thresholds | distinct photos wrongly matched | distinct pairs matched |',
  '|---|---|---|',
  ...oneMakeRows,
);
section.push(
  '',
  '## Antigen strip reading',
  '',
  `Same script. ${stripPerClass} generated cassette photos per class (JPEG quality 85, 360×480; placement, angle up to ±20°, table,`,
  'light gradient, colour cast, blur 0–3 px, noise varied by seed; a faint T line is 4–12 % of a strong one, which a person',
  'sees only in good light; invalid = no C line, with or without T), read by core/antigen/strip-reader.ts.',
  '',
  '| class | right | right when it reads | says cannot read | read as negative / positive / invalid / cannot read |',
  '|---|---|---|---|---|',
  ...stripRows.map((row) => row.text),
  '',
  `Faint T lines read as negative: ${faintNegatives} of ${stripPerClass} (must be 0; the run fails otherwise).`,
  '',
  ...(await udiRows()),
);

const file = join(import.meta.dirname, '..', 'BENCHMARKS.md');
const start = '<!-- bench:antigen -->';
const end = '<!-- /bench:antigen -->';
const current = readFileSync(file, 'utf8');
const block = [start, ...section, end].join('\n');
const from = current.indexOf(start);
const to = current.indexOf(end);
writeFileSync(file, from >= 0 && to > from ? current.slice(0, from) + block + current.slice(to + end.length) : `${current.trimEnd()}\n\n${block}\n`);
console.log(section.join('\n'));
if (faintNegatives > 0) {
  console.error(`${faintNegatives} faint T lines were read as negative`);
  process.exitCode = 1;
}
