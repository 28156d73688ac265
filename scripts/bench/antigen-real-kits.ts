/**
 * `npx tsx scripts/bench/antigen-real-kits.ts` (PER=n photos per class and make, default 10): the strip
 * reader and the reused-photo check on the real-kit set (testing/images/real-kits.ts), written to
 * docs/benchmarks-antigen.md. Per make: right when it reads, "cannot read", faint T read negative (with
 * the make's template, and without one); second kits of the same make on another table refused as reused;
 * the six alterations of a photo caught.
 */
import fs from 'node:fs';
import os from 'node:os';
import { execSync } from 'node:child_process';
import { readStrip } from '../../core/antigen/strip-reader.ts';
import { kitTemplate } from '../../core/antigen/kit-templates.ts';
import { photoBasis, photoHash } from '../../server/services/photo-hash.ts';
import { encodePrint, makePrint, sameAsStored } from '../../server/services/photo-match.ts';
import { alteredCopies, decodeJpeg } from '../../testing/images/antigen-photo-set.ts';
import { realKitPhoto, realMakes, type RealStripClass } from '../../testing/images/real-kits.ts';

const per = Number(process.env.PER ?? 10);
const pairsPer = Number(process.env.PAIRS ?? 6);
const classes: RealStripClass[] = ['negative', 'faint positive', 'positive', 'invalid'];
const expected: Record<RealStripClass, string> = { negative: 'negative', 'faint positive': 'positive', positive: 'positive', invalid: 'invalid' };
const size = { width: 480, height: 640 };
const prep = (jpeg: Buffer) => {
  const raster = decodeJpeg(jpeg);
  const basis = photoBasis(raster);
  return { basis, hash: photoHash(raster, basis), print: makePrint(basis) };
};
const pct = (a: number, b: number) => (b === 0 ? '–' : `${((100 * a) / b).toFixed(1)} %`);
const rows: string[] = [];
const started = Date.now();
for (const make of realMakes) {
  const tally = { template: { read: 0, right: 0, unread: 0, faintNegative: 0, total: 0 }, generic: { read: 0, right: 0, unread: 0, faintNegative: 0, total: 0 } };
  for (const kind of classes) {
    for (let index = 0; index < per; index += 1) {
      const { jpeg } = realKitPhoto(make, kind, 20_000 + index * 7 + classes.indexOf(kind), size);
      const raster = decodeJpeg(jpeg);
      for (const [mode, reading] of [['template', readStrip(raster, kitTemplate(make)).result], ['generic', readStrip(raster).result]] as const) {
        const t = tally[mode];
        t.total += 1;
        if (kind === 'faint positive' && reading === 'negative') t.faintNegative += 1;
        if (reading === 'unreadable') t.unread += 1;
        else {
          t.read += 1;
          if (reading === expected[kind]) t.right += 1;
        }
      }
    }
  }
  let refused = 0;
  let copies = 0;
  let caught = 0;
  for (let index = 0; index < pairsPer; index += 1) {
    const first = realKitPhoto(make, 'negative', 30_000 + index, { width: 360, height: 480 });
    const second = realKitPhoto(make, 'negative', 31_000 + index, { width: 360, height: 480 });
    const earlier = prep(first.jpeg);
    const stored = { hash: earlier.hash, print: earlier.print ? encodePrint(earlier.print) : null };
    if (sameAsStored(prep(second.jpeg), stored)) refused += 1;
    for (const copy of alteredCopies(first.jpeg, 30_000 + index)) {
      copies += 1;
      if (sameAsStored(prep(copy.jpeg), stored)) caught += 1;
    }
  }
  const { template: t, generic: g } = tally;
  rows.push(
    `| ${make} | ${pct(t.right, t.read)} (${t.right}/${t.read}) | ${pct(t.unread, t.total)} | ${t.faintNegative} | ${pct(g.right, g.read)} (${g.right}/${g.read}) | ${pct(g.unread, g.total)} | ${g.faintNegative} | ${refused}/${pairsPer} | ${caught}/${copies} |`,
  );
  console.log(rows[rows.length - 1]);
}
const minutes = ((Date.now() - started) / 60000).toFixed(1);
const text = `# Antigen strip reading and reuse check on real kits

Measured by \`npx tsx scripts/bench/antigen-real-kits.ts\` (PER=${per}, PAIRS=${pairsPer}) on ${new Date().toISOString().slice(0, 10)}:
${per} photos per class (negative, faint positive, positive, invalid) and make, 480×640, from the real-kit set
(testing/images/real-kits.ts; docs/antigen-reader.md says how lines and scenes are drawn). Seeds 20000+ and 30000+,
not those the reader was tuned on. "Right" counts only photos it read; a faint positive must read positive.
Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, shared with seven other jobs (${execSync('uptime').toString().trim()}); ${minutes} min.

| make | template: right when read | cannot read | faint T → negative | no template: right when read | cannot read | faint T → negative | second kit, other table, refused as reused | altered copies caught |
|---|---|---|---|---|---|---|---|---|
${rows.join('\n')}

The second kit is another photo of the same make (another seed: table, place, angle, light); the copies are the six
alterations of testing/images/antigen-photo-set.ts (quality 40, 55 % scale, 2–5 % crop, brighter, darker, screenshot).
`;
fs.writeFileSync(new URL('../../docs/benchmarks-antigen.md', import.meta.url), text);
console.log(text);
