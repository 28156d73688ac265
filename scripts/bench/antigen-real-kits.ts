/**
 * The real-kit half of `npm run bench:antigen` (also alone: `npx tsx scripts/bench/antigen-real-kits.ts`): the strip
 * reader and the reused-photo check on the real-kit set (testing/images/real-kits.ts), per make, written between
 * the `bench:antigen-real` markers of docs/benchmarks-antigen.md. Bounded in count (REAL_PER photos per class,
 * REAL_DAYS photos per make of the reuse series) and in time (REAL_SECONDS, shared equally by the six makes, so each make gets figures
 * on a busy machine); what was measured within the time is what is reported, with its counts.
 */
import { execSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readStrip, type StripReading } from '../../core/antigen/strip-reader.ts';
import { kitTemplate } from '../../core/antigen/kit-templates.ts';
import { photoBasis, photoDistances, photoHash } from '../../server/services/photo-hash.ts';
import { candidateNearness, encodePrint, makePrint, photoMatchThresholds, sameAsStored } from '../../server/services/photo-match.ts';
import { alteredCopies, decodeJpeg } from '../../testing/images/antigen-photo-set.ts';
import { realKitPhoto, realMakes, sameMakeSeries, seriesPhoto, type RealKitScene, type RealStripClass } from '../../testing/images/real-kits.ts';

const classes: RealStripClass[] = ['negative', 'faint positive', 'positive', 'invalid'];
const truth: Record<RealStripClass, StripReading> = { negative: 'negative', 'faint positive': 'positive', positive: 'positive', invalid: 'invalid' };

const prepare = (jpeg: Buffer) => {
  const raster = decodeJpeg(jpeg);
  const basis = photoBasis(raster);
  const print = makePrint(basis);
  return { basis, hash: photoHash(raster, basis), print: print ? encodePrint(print) : null };
};
type Prepared = ReturnType<typeof prepare>;
/** The server's decision (antigen-checks.ts): a candidate by the hashes, then the same photo by the prints. */
const refused = (fresh: Prepared, stored: Prepared) =>
  candidateNearness(photoDistances(stored.hash, fresh.hash)) <= 1 && sameAsStored(fresh, { hash: stored.hash, print: stored.print });

const pairKinds = ['another table', 'same table, turned 3° or more', 'same table, 8 % or more away, same angle', 'same table, same place and angle'] as const;
type PairKind = (typeof pairKinds)[number];
/** What two photos of a series are to each other, from their scenes. */
function pairKind(a: RealKitScene, b: RealKitScene): PairKind {
  const sameTable = a.table === b.table && a.tableColours === b.tableColours && (a.table === 'plain' || a.tableSeed === b.tableSeed);
  if (!sameTable) return 'another table';
  const turn = Math.abs(Math.atan2(Math.sin(a.placement.angle - b.placement.angle), Math.cos(a.placement.angle - b.placement.angle)));
  if (turn >= 0.05) return 'same table, turned 3° or more';
  return Math.hypot(a.placement.cx - b.placement.cx, a.placement.cy - b.placement.cy) >= 0.08 ? 'same table, 8 % or more away, same angle' : 'same table, same place and angle';
}

interface MakeTally {
  counts: Record<RealStripClass, Record<StripReading, number>>;
  generic: { total: number; unread: number; negative: number };
  pairs: Record<PairKind, { pairs: number; refused: number; printsAlike: number }>;
  copies: Map<string, { copies: number; caught: number }>;
  seconds: number;
}

const emptyReadings = (): Record<StripReading, number> => ({ negative: 0, positive: 0, invalid: 0, unreadable: 0 });

export interface RealKitRun {
  section: string[];
  faintNegatives: number;
}

export function runRealKits(options = { per: Number(process.env.REAL_PER ?? 6), days: Number(process.env.REAL_DAYS ?? 24), seconds: Number(process.env.REAL_SECONDS ?? 360) }): RealKitRun {
  const started = Date.now();
  const tallies = new Map<string, MakeTally>();
  for (const [at, make] of realMakes.entries()) {
    const makeStarted = Date.now();
    const deadline = started + ((at + 1) * options.seconds * 1000) / realMakes.length;
    const template = kitTemplate(make);
    const tally: MakeTally = {
      counts: Object.fromEntries(classes.map((kind) => [kind, emptyReadings()])) as MakeTally['counts'],
      generic: { total: 0, unread: 0, negative: 0 },
      pairs: Object.fromEntries(pairKinds.map((kind) => [kind, { pairs: 0, refused: 0, printsAlike: 0 }])) as MakeTally['pairs'],
      copies: new Map(),
      seconds: 0,
    };
    // Three phases, each with its share of the make's time, so a make cut short still has some of every figure;
    // the series comes first because its pairs grow as the square of its photos.
    const share = (part: number) => makeStarted + (deadline - makeStarted) * part;
    const series = sameMakeSeries(make, 30_000 + at * 100_000, options.days);
    const days: { scene: RealKitScene; photo: Buffer; prepared: Prepared }[] = [];
    // At least a few of each, however late: a figure with nothing behind it says nothing.
    for (const scene of series) {
      if (days.length >= 3 && Date.now() >= share(0.35)) break;
      // Each day's photo against every earlier one of the household (the server compares the nearest few of all stored).
      const photo = seriesPhoto(scene);
      const prepared = prepare(photo);
      for (const earlier of days) {
        const row = tally.pairs[pairKind(earlier.scene, scene)];
        row.pairs += 1;
        if (refused(prepared, earlier.prepared)) row.refused += 1;
        if (sameAsStored(prepared, earlier.prepared)) row.printsAlike += 1;
      }
      days.push({ scene, photo, prepared });
    }
    for (let index = 0; index < options.per && (index < 1 || Date.now() < share(0.7)); index += 1) {
      for (const kind of classes) {
        const raster = decodeJpeg(realKitPhoto(make, kind, 20_000 + index * 7 + classes.indexOf(kind), { width: 480, height: 640 }).jpeg);
        tally.counts[kind][readStrip(raster, template).result] += 1;
        const generic = readStrip(raster).result;
        tally.generic.total += 1;
        if (generic === 'unreadable') tally.generic.unread += 1;
        if (generic === 'negative') tally.generic.negative += 1;
      }
    }
    // The six alterations of each day's photo: a copy is checked against its original, as on the server.
    for (const [index, day] of days.entries()) {
      if (index >= 1 && Date.now() >= deadline) break;
      for (const copy of alteredCopies(day.photo, day.scene.seed)) {
        const entry = tally.copies.get(copy.kind) ?? { copies: 0, caught: 0 };
        entry.copies += 1;
        if (refused(prepare(copy.jpeg), day.prepared)) entry.caught += 1;
        tally.copies.set(copy.kind, entry);
      }
    }
    tally.seconds = (Date.now() - makeStarted) / 1000;
    tallies.set(make, tally);
    console.log(`${make}: ${tally.seconds.toFixed(0)} s`);
  }
  return { section: sectionOf(tallies, options, (Date.now() - started) / 1000), faintNegatives: [...tallies.values()].reduce((sum, t) => sum + t.counts['faint positive'].negative, 0) };
}

const pct = (part: number, whole: number) => (whole === 0 ? '–' : `${((100 * part) / whole).toFixed(1)} %`);
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

function sectionOf(tallies: Map<string, MakeTally>, options: { per: number; days: number; seconds: number }, seconds: number): string[] {
  const all = [...tallies.values()];
  const readingRows = [...tallies].map(([make, t]) => {
    const total = sum(classes.map((kind) => sum(Object.values(t.counts[kind]))));
    const unread = sum(classes.map((kind) => t.counts[kind].unreadable));
    const right = sum(classes.map((kind) => t.counts[kind][truth[kind]]));
    const byClass = classes.map((kind) => `${t.counts[kind][truth[kind]]}/${sum(Object.values(t.counts[kind]))}`).join(' · ');
    return `| ${make} | ${pct(right, total - unread)} (${right}/${total - unread}) | ${pct(unread, total)} | ${byClass} | ${t.counts['faint positive'].negative} | ${t.counts.negative.positive} | ${t.counts.invalid.negative} | ${t.generic.negative} · ${pct(t.generic.unread, t.generic.total)} |`;
  });
  const kinds = [...new Set(all.flatMap((t) => [...t.copies.keys()]))];
  const reuseRows = [...tallies].map(([make, t]) => {
    const pairs = pairKinds.map((kind) => `${t.pairs[kind].refused}/${t.pairs[kind].pairs}`).join(' | ');
    const copies = sum([...t.copies.values()].map((c) => c.copies));
    const caught = sum([...t.copies.values()].map((c) => c.caught));
    return `| ${make} | ${pairs} | ${sum(pairKinds.map((kind) => t.pairs[kind].printsAlike))} | ${pct(caught, copies)} (${caught}/${copies}) | ${t.seconds.toFixed(0)} s |`;
  });
  const inGoal = pairKinds.filter((kind) => kind !== 'same table, same place and angle');
  const totalPairs = sum(all.flatMap((t) => inGoal.map((kind) => t.pairs[kind].pairs)));
  const totalRefused = sum(all.flatMap((t) => inGoal.map((kind) => t.pairs[kind].refused)));
  const totalCopies = sum(all.flatMap((t) => [...t.copies.values()].map((c) => c.copies)));
  const totalCaught = sum(all.flatMap((t) => [...t.copies.values()].map((c) => c.caught)));
  const byKind = kinds.map((kind) => {
    const entries = all.flatMap((t) => (t.copies.get(kind) ? [t.copies.get(kind) as { copies: number; caught: number }] : []));
    const copies = sum(entries.map((e) => e.copies));
    const caught = sum(entries.map((e) => e.caught));
    return `${kind} ${caught}/${copies}`;
  });
  const load = execSync('uptime').toString().trim().replace(/.*load average:/, 'load average');
  return [
    '## Real kits: strip reading and the reused-photo check, per make',
    '',
    `Written by \`npm run bench:antigen\` (scripts/bench/antigen-real-kits.ts) in ${seconds.toFixed(0)} s (bound ${options.seconds} s, shared by the six makes; ${load} at the end, 2 cores).`,
    'The real-kit set (testing/images/real-kits.ts; [antigen-reader.md](antigen-reader.md) says how lines and scenes are drawn): the six',
    `makes' real photos with lines drawn into their windows, laid on generated tables. Strip reading: up to ${options.per} photos per class and make`,
    '(480×640, seeds 20000+, not those the reader was tuned on), read with the make\'s template and without one.',
    '',
    '| make | right when it reads (goal ≥ 95 %) | cannot read (goal ≤ 10 %) | right per class: negative · faint · positive · invalid | faint T read negative (must be 0) | negative read positive | invalid read negative | no template: read negative · cannot read |',
    '|---|---|---|---|---|---|---|---|',
    ...readingRows,
    '',
    `Reuse: per make, a household testing from one box: up to ${options.days} negative kits of the make, one photo a day (360×480, seeds`,
    '30000+; testing/images/real-kits.ts `sameMakeSeries`), each day on another table (kind or colour of table, light, place, angle) or on the',
    "day before's table, with its pattern, in the same light, put down 8–20 % of the frame away and turned 3–30°, or laid at the same angle;",
    "each photo its own lines, noise, blur and JPEG quality (55–92). Each day's photo is checked against every earlier day's as the server",
    'checks an upload (hashes pick candidates, prints decide), so a series of n photos gives n(n−1)/2 pairs, told apart by what the two scenes',
    'are to each other. "Prints alike" counts the pairs whose prints alone would agree, whatever the hashes say. Pairs on the same table at',
    'nearly the same place and angle (under 8 % of the frame and 3°) are not in the goal: the picture cannot tell them from a copy, the kit\'s',
    'serial does. Altered copies: the six alterations of testing/images/antigen-photo-set.ts of each day\'s photo, each checked',
    'against its original the same way.',
    '',
    `| make | ${pairKinds.join(' | ')} | prints alike | altered copies caught | time |`,
    '|---|---|---|---|---|---|---|---|',
    ...reuseRows,
    '',
    `Second kits on another table or elsewhere on one refused as reused: **${totalRefused} of ${totalPairs} pairs** (goal 0 of ≥ 200). Altered copies caught: **${pct(totalCaught, totalCopies)} (${totalCaught}/${totalCopies})** (goal ≥ 99 %): ${byKind.join(', ')}.`,
    `Thresholds in force (server/services/photo-match.ts): ${JSON.stringify(photoMatchThresholds).replace(/"/g, '').replace(/,/g, ', ')}.`,
  ];
}

/** Replaces the text between `<!-- name -->` and `<!-- /name -->` in docs/benchmarks-antigen.md, or appends the block. */
export function writeBenchBlock(name: string, lines: string[]): void {
  const file = join(import.meta.dirname, '..', '..', 'docs', 'benchmarks-antigen.md');
  const start = `<!-- ${name} -->`;
  const end = `<!-- /${name} -->`;
  const current = readFileSync(file, 'utf8');
  const block = [start, ...lines, end].join('\n');
  const from = current.indexOf(start);
  const to = current.indexOf(end);
  writeFileSync(file, from >= 0 && to > from ? current.slice(0, from) + block + current.slice(to + end.length) : `${current.trimEnd()}\n\n${block}\n`);
}

export function benchRealKits(): number {
  const run = runRealKits();
  writeBenchBlock('bench:antigen-real', run.section);
  console.log(run.section.join('\n'));
  if (run.faintNegatives > 0) console.error(`${run.faintNegatives} faint T lines on real kits were read as negative`);
  return run.faintNegatives;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href && benchRealKits() > 0) process.exitCode = 1;
