/**
 * `npm run bench:antigen`: how well reused cassette photos are caught and strips are read, measured on a generated set
 * (scripts/antigen-photo-set.ts), and written into BENCHMARKS.md's own section for it (the text between
 * its markers is replaced; the rest of the file is left as it is).
 *
 * Every distinct photo is compared with every other (wrong matches) and with each of its altered copies
 * (caught copies), at the threshold in force (server/services/photo-hash.ts) and at its neighbours.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashDistance, photoHash, photoHashThreshold } from '../server/services/photo-hash.ts';
import { renderCassette } from '../core/antigen/cassette-fixture.ts';
import { readStrip, type StripReading } from '../core/antigen/strip-reader.ts';
import { encodeJpeg } from '../server/services/test-jpeg.ts';
import { alteredCopies, decodeJpeg, originalPhoto, stripScene, type StripClass } from './antigen-photo-set.ts';

const photos = Number(process.env.PHOTOS ?? 200);
const started = Date.now();
const originals: string[] = [];
const copies: { kind: string; distance: number }[] = [];
for (let seed = 1; seed <= photos; seed += 1) {
  const jpeg = originalPhoto(seed);
  const hash = photoHash(decodeJpeg(jpeg));
  originals.push(hash);
  for (const copy of alteredCopies(jpeg, seed)) copies.push({ kind: copy.kind, distance: hashDistance(hash, photoHash(decodeJpeg(copy.jpeg))) });
  if (seed % 20 === 0) console.log(`${seed}/${photos} photos`);
}
/** For each distinct photo, its nearest other distinct photo. */
const nearestOther = originals.map((hash, index) => Math.min(...originals.filter((_, other) => other !== index).map((otherHash) => hashDistance(hash, otherHash))));
const pairDistances = originals.flatMap((hash, index) => originals.slice(index + 1).map((other) => hashDistance(hash, other)));

const percent = (part: number, whole: number) => `${((100 * part) / whole).toFixed(2)} %`;
const row = (threshold: number) => {
  const caught = copies.filter((copy) => copy.distance <= threshold).length;
  const wronglyMatched = nearestOther.filter((distance) => distance <= threshold).length;
  return `| ${threshold}${threshold === photoHashThreshold ? ' (in force)' : ''} | ${percent(caught, copies.length)} (${caught}/${copies.length}) | ${percent(wronglyMatched, photos)} (${wronglyMatched}/${photos}) |`;
};
const kinds = [...new Set(copies.map((copy) => copy.kind))];
const byKind = kinds.map((kind) => {
  const ofKind = copies.filter((copy) => copy.kind === kind);
  const caught = ofKind.filter((copy) => copy.distance <= photoHashThreshold).length;
  const sorted = ofKind.map((copy) => copy.distance).sort((a, b) => a - b);
  return `| ${kind} | ${percent(caught, ofKind.length)} | ${sorted[Math.floor(sorted.length / 2)] ?? 0} | ${sorted.at(-1) ?? 0} |`;
});
const genuineSorted = copies.map((copy) => copy.distance).sort((a, b) => a - b);
const zeroWrong = Math.min(...nearestOther) - 1;
const section: string[] = [
  '## Reused antigen photos',
  '',
  `Written by \`npm run bench:antigen\` (scripts/bench-antigen.ts) in ${((Date.now() - started) / 1000).toFixed(0)} s. ${photos} distinct generated`,
  'cassette photos (core/antigen/cassette-fixture.ts: kit placement, angle, table, light, colour cast, blur, noise, lines),',
  `each uploaded as JPEG quality 85, and ${kinds.length} altered copies of each (${copies.length} copies), each saved again as JPEG;`,
  'hash: server/services/photo-hash.ts (frame trimmed, normalised crop around the kit, 32×32, lowest 12×12 DCT, 144 bits).',
  `Distances of a copy to its original: median ${genuineSorted[Math.floor(genuineSorted.length / 2)] ?? 0}, 99th percentile`,
  `${genuineSorted[Math.floor(genuineSorted.length * 0.99)] ?? 0}, max ${genuineSorted.at(-1) ?? 0}. Distances between distinct photos (${pairDistances.length} pairs): min`,
  `${Math.min(...pairDistances)}, 1st percentile ${[...pairDistances].sort((a, b) => a - b)[Math.floor(pairDistances.length * 0.01)] ?? 0}. Largest threshold with no distinct photo matched: ${zeroWrong}.`,
  '',
  '| threshold (bits of 144) | copies caught (goal ≥ 99 %) | distinct photos wrongly matched (goal ≤ 0.1 %) |',
  '|---|---|---|',
  ...[photoHashThreshold - 4, photoHashThreshold - 2, photoHashThreshold, photoHashThreshold + 2, photoHashThreshold + 4].map(row),
  '',
  `| alteration | caught at ${photoHashThreshold} | median distance | max distance |`,
  '|---|---|---|---|',
  ...byKind,
];

const stripPerClass = Number(process.env.STRIP_PER_CLASS ?? 60);
const stripClasses: StripClass[] = ['negative', 'faint positive', 'positive', 'invalid'];
const stripRows = stripClasses.map((kind) => {
  const counts: Record<StripReading, number> = { negative: 0, positive: 0, invalid: 0, unreadable: 0 };
  for (let index = 0; index < stripPerClass; index += 1) counts[readStrip(decodeJpeg(encodeJpeg(renderCassette(stripScene(kind, 5000 + index)), 85))).result] += 1;
  const truth: StripReading = kind === 'faint positive' ? 'positive' : kind;
  const read = stripPerClass - counts.unreadable;
  return `| ${kind} | ${percent(counts[truth], stripPerClass)} | ${read === 0 ? '–' : percent(counts[truth], read)} | ${percent(counts.unreadable, stripPerClass)} | ${counts.negative} / ${counts.positive} / ${counts.invalid} / ${counts.unreadable} |`;
});
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
  ...stripRows,
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
