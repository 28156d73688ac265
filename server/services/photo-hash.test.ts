import { describe, expect, it } from 'vitest';
import { alteredCopies, decodeJpeg, originalPhoto } from '../../scripts/antigen-photo-set.ts';
import { hashDistance, photoHash, photoHashLength, photoHashThreshold } from './photo-hash.ts';

const seeds = [101, 102, 103, 104, 105];

// Drawing and re-encoding photos is slow on a busy machine; the time limit is not what is tested.
describe('the photo hash and its threshold', { timeout: 180_000 }, () => {
  const originals = seeds.map((seed) => ({ seed, jpeg: originalPhoto(seed) }));
  const hashes = originals.map(({ jpeg }) => photoHash(decodeJpeg(jpeg)));

  it('is a fixed-length hex string and counts differing bits', () => {
    for (const hash of hashes) expect(hash).toMatch(new RegExp(`^[0-9a-f]{${photoHashLength}}$`));
    expect(hashDistance('0'.repeat(36), 'f'.repeat(36))).toBe(144);
    expect(hashDistance(`1${'0'.repeat(35)}`, '0'.repeat(36))).toBe(1);
  });

  /*
   * At a threshold that never matches two distinct photos, re-compressed and darkened copies (at most 6 bits
   * off over the whole bench set) are always caught; rescaled, brightened, cropped and screenshotted ones
   * only in part (BENCHMARKS.md), so this test holds the threshold to the first two.
   */
  it('matches the same photo sent again, re-compressed or darkened, with its original', () => {
    for (const [index, { seed, jpeg }] of originals.entries()) {
      expect(hashDistance(hashes[index] ?? '', photoHash(decodeJpeg(jpeg)))).toBe(0);
      for (const copy of alteredCopies(jpeg, seed).filter((altered) => altered.kind.startsWith('re-compressed') || altered.kind.startsWith('darker'))) {
        const distance = hashDistance(hashes[index] ?? '', photoHash(decodeJpeg(copy.jpeg)));
        expect({ kind: copy.kind, caught: distance <= photoHashThreshold }).toEqual({ kind: copy.kind, caught: true });
      }
    }
  });

  it('does not match distinct photos with each other', () => {
    for (const [index, hash] of hashes.entries()) {
      for (const other of hashes.slice(index + 1)) expect(hashDistance(hash, other)).toBeGreaterThan(photoHashThreshold);
    }
  });
});
