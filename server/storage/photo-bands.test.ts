import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashDistance } from '../services/photo-hash.ts';
import { bandCount, bandProbes, bandRadii, neighbours, photoBands } from './photo-bands.ts';

/** `hex` with `bits` distinct bits flipped at random. */
function flip(hex: string, bits: number): string {
  const value = [...Buffer.from(hex, 'hex')];
  const chosen = new Set<number>();
  while (chosen.size < bits) chosen.add(Math.floor(Math.random() * hex.length * 4));
  for (const bit of chosen) value[bit >> 3] = (value[bit >> 3] ?? 0) ^ (1 << (bit & 7));
  return Buffer.from(value).toString('hex');
}

describe('photo hash bands', () => {
  it('cuts each 144-bit hash into six 24-bit bands, the kit bands absent without a kit hash', () => {
    expect(photoBands('0123456789abcdef0123456789abcdef0123')).toEqual({ scene: [0x012345, 0x6789ab, 0xcdef01, 0x234567, 0x89abcd, 0xef0123], kit: null });
    expect(photoBands('f'.repeat(72)).kit).toEqual(Array.from({ length: bandCount }, () => 0xffffff));
  });

  it('gives band radii whose pigeonhole covers the whole radius', () => {
    for (let radius = 0; radius <= 40; radius += 1) {
      const radii = bandRadii(radius);
      // A hash just outside every band radius differs in radius + 1 bits: nothing within `radius` slips through.
      expect(radii.reduce((sum, r) => sum + r + 1, 0)).toBe(radius + 1);
    }
    expect(bandRadii(28)).toEqual([4, 4, 4, 4, 4, 3]);
    expect(bandRadii(20)).toEqual([3, 3, 3, 2, 2, 2]);
  });

  it('enumerates every value within a radius once', () => {
    const within = neighbours(0b1010, 2, 24);
    expect(within.length).toBe(1 + 24 + 276);
    expect(new Set(within).size).toBe(within.length);
    expect(within[0]).toBe(0b1010);
    expect(neighbours(5, -1, 24)).toEqual([]);
  });

  it('finds in some band every hash within the candidate radius, and few random ones', () => {
    const radius = { scene: 28, kit: 20 };
    const shares = (probeHash: string, stored: string) => {
      const bands = photoBands(stored);
      return bandProbes(probeHash, radius).some((probe) => {
        const [kind, , band] = probe.column.split('_');
        const value = kind === 'scene' ? bands.scene[Number(band)] : bands.kit?.[Number(band)];
        return value !== undefined && probe.values.includes(value);
      });
    };
    for (let trial = 0; trial < 40; trial += 1) {
      const hash = randomBytes(36).toString('hex');
      const sceneNear = flip(hash.slice(0, 36), 28) + randomBytes(18).toString('hex');
      const kitNear = randomBytes(18).toString('hex') + flip(hash.slice(36), 20);
      expect(hashDistance(sceneNear.slice(0, 36), hash.slice(0, 36))).toBe(28);
      expect(shares(hash, sceneNear)).toBe(true);
      expect(shares(hash, kitNear)).toBe(true);
    }
    let strangers = 0;
    for (let trial = 0; trial < 200; trial += 1) if (shares(randomBytes(36).toString('hex'), randomBytes(36).toString('hex'))) strangers += 1;
    expect(strangers).toBeLessThan(10);
  });
});
