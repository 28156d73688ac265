import { describe, expect, it } from 'vitest';
import { renderCassette } from '../../testing/images/cassette-fixture.ts';
import { alteredCopies, decodeJpeg, originalPhoto, stripScene } from '../../testing/images/antigen-photo-set.ts';
import { photoBasis, photoHash } from './photo-hash.ts';
import {
  candidateNearness,
  decodePrint,
  encodePrint,
  makePrint,
  matchPrint,
  photoMatchThresholds,
  printGrid,
  printHeader,
  printsAgree,
  sameAsStored,
  type Print,
} from './photo-match.ts';
import { encodeJpeg } from '../../testing/images/jpeg.ts';

describe('the print thresholds', () => {
  const { correlation, overlap, turn } = photoMatchThresholds;
  it('takes prints as the same photo at the correlation threshold and not just below it', () => {
    expect(printsAgree({ correlation, overlap: 1, turn: 0 })).toBe(true);
    expect(printsAgree({ correlation: correlation - 0.0001, overlap: 1, turn: 0 })).toBe(false);
  });

  it('needs enough of the grid in both photos, and a grid that was not turned', () => {
    expect(printsAgree({ correlation: 1, overlap, turn })).toBe(true);
    expect(printsAgree({ correlation: 1, overlap: overlap - 0.01, turn: 0 })).toBe(false);
    expect(printsAgree({ correlation: 1, overlap: 1, turn: turn + 0.001 })).toBe(false);
  });

  it('makes a stored photo a candidate within either hash distance, and not one bit beyond both', () => {
    const { candidateScene, candidateKit } = photoMatchThresholds;
    expect(candidateNearness({ scene: candidateScene, kit: 144 })).toBeLessThanOrEqual(1);
    expect(candidateNearness({ scene: 144, kit: candidateKit })).toBeLessThanOrEqual(1);
    expect(candidateNearness({ scene: candidateScene + 1, kit: candidateKit + 1 })).toBeGreaterThan(1);
    expect(candidateNearness({ scene: candidateScene + 1, kit: null })).toBeGreaterThan(1);
  });
});

const prepared = (jpeg: Buffer) => {
  const raster = decodeJpeg(jpeg);
  const basis = photoBasis(raster);
  return { basis, hash: photoHash(raster, basis), print: makePrint(basis) };
};
const stored = (photo: ReturnType<typeof prepared>) => ({ hash: photo.hash, print: photo.print ? encodePrint(photo.print) : null });

// Drawing and re-encoding photos is slow on a busy machine; the time limit is not what is tested.
describe('prints of generated photos', { timeout: 300_000 }, () => {
  const seeds = [111, 112];
  const originals = seeds.map((seed) => ({ seed, jpeg: originalPhoto(seed) }));
  const photos = originals.map(({ jpeg }) => prepared(jpeg));

  it('are a few hundred bytes each and read back as written', () => {
    for (const photo of photos) {
      const print = photo.print as Print;
      expect(print).not.toBeNull();
      const text = encodePrint(print);
      expect(Buffer.from(text, 'base64').length).toBe(printHeader + printGrid.along * printGrid.across);
      const read = decodePrint(text);
      expect(read?.cells).toEqual(print.cells);
      expect(read?.pose.angle).toBeCloseTo(print.pose.angle, 3);
      expect(read?.pose.cx).toBeCloseTo(print.pose.cx, 4);
    }
    expect(decodePrint('AAAA')).toBeNull();
  });

  it('match every altered copy with its original: re-compressed, rescaled, cropped, brightened, darkened, screenshotted', () => {
    const missed: string[] = [];
    for (const [index, { seed, jpeg }] of originals.entries()) {
      const original = stored(photos[index] as ReturnType<typeof prepared>);
      for (const copy of alteredCopies(jpeg, seed)) {
        if (!sameAsStored(prepared(copy.jpeg), original)) missed.push(`${seed} ${copy.kind}`);
      }
    }
    expect(missed).toEqual([]);
  });

  it('tell distinct photos of one make of kit apart, though the kit in them is the same', () => {
    const oneMake = [7101, 7102, 7103, 7104].map((seed) => prepared(encodeJpeg(renderCassette(stripScene('negative', seed)), 85)));
    for (const [index, photo] of oneMake.entries()) {
      for (const other of oneMake.slice(index + 1)) {
        const agreement = matchPrint(photo.print as Print, other.basis);
        // The kit itself lines up; what lies around it does not.
        expect(agreement.overlap).toBeGreaterThan(photoMatchThresholds.overlap);
        expect(printsAgree(agreement)).toBe(false);
        expect(sameAsStored(other, stored(photo))).toBe(false);
      }
    }
  });

  it('judge a stored photo without a print (from before prints were kept) by its hash alone', () => {
    const [first, second] = photos as [ReturnType<typeof prepared>, ReturnType<typeof prepared>];
    expect(sameAsStored(first, { hash: first.hash, print: null })).toBe(true);
    expect(sameAsStored(second, { hash: first.hash, print: null })).toBe(false);
  });
});
