/**
 * `npx tsx scripts/bench/photo-same-table.ts`: the hardest honest case for the reused-photo check, which the
 * generated sets of `npm run bench:antigen` do not hold: the same make of kit on the same table, in the
 * same light, with the same lines, only put down again elsewhere and at another angle (a citizen testing
 * daily at one table). Each pair is checked as the server checks an upload (antigen-checks.ts); it prints
 * how many were wrongly taken for a reused photo, and which stage let them through.
 */
import { execSync } from 'node:child_process';
import { renderCassette, type CassetteScene } from '../../testing/images/cassette-fixture.ts';
import { photoBasis, photoDistances, photoHash } from '../../server/services/photo-hash.ts';
import { candidateNearness, encodePrint, makePrint, matchPrint, printsAgree, sameAsStored } from '../../server/services/photo-match.ts';
import { encodeJpeg } from '../../testing/images/jpeg.ts';
import { decodeJpeg, stripScene } from '../../testing/images/antigen-photo-set.ts';

const pairs = Number(process.env.PAIRS ?? 60);
const firstSeed = Number(process.env.SEED ?? 6000);
const prepare = (scene: CassetteScene) => {
  const raster = decodeJpeg(encodeJpeg(renderCassette(scene), 85));
  const basis = photoBasis(raster);
  return { basis, hash: photoHash(raster, basis), print: makePrint(basis) };
};
let candidates = 0;
let printsAlike = 0;
let refused = 0;
for (let index = 0; index < pairs; index += 1) {
  const first = stripScene('negative', firstSeed + index);
  const placement = stripScene('negative', firstSeed + 500 + index).cassette;
  const again = { ...first, cassette: { ...first.cassette, cx: placement.cx, cy: placement.cy, angle: placement.angle, length: placement.length } };
  const earlier = prepare(first);
  const fresh = prepare(again);
  if (candidateNearness(photoDistances(earlier.hash, fresh.hash)) <= 1) candidates += 1;
  if (earlier.print && printsAgree({ ...matchPrint(earlier.print, fresh.basis), turn: 0 })) printsAlike += 1;
  if (candidateNearness(photoDistances(earlier.hash, fresh.hash)) <= 1 && sameAsStored(fresh, { hash: earlier.hash, print: earlier.print ? encodePrint(earlier.print) : null })) refused += 1;
}
console.log(`${pairs} pairs (seeds ${firstSeed}–${firstSeed + pairs - 1}): candidates after the hashes ${candidates}; prints alike but for the turn ${printsAlike}; wrongly refused ${refused}`);
console.log(execSync('uptime').toString().trim());
