/**
 * Multi-index hashing (Norouzi, Punjani and Fleet, 2012) for the photo hashes: each 144-bit hash (the
 * scene hash, and the kit hash when a kit was found) is cut into `bandCount` bands of 24 bits, stored as
 * indexed integer columns. Two hashes within r bits of each other agree within a small radius on at
 * least one band (the pigeonhole principle, below), so a lookup probes each band's index with every
 * value within that radius and fetches only the rows that share one: it finds exactly what a scan of
 * every hash would, at a cost that grows with the candidates rather than with the photos stored.
 */

/** Bands per 144-bit hash, 24 bits each, read as an integer. Changing it needs a migration like 0017. */
export const bandCount = 6;
const hashHexDigits = 36;
const bandBits = (band: number) => Math.floor(((band + 1) * 144) / bandCount) - Math.floor((band * 144) / bandCount);
const bandStart = (band: number) => Math.floor((band * 144) / bandCount);

export type HashKind = 'scene' | 'kit';

export const bandColumn = (kind: HashKind, band: number) => `${kind}_band_${band}` as const;

/** The bands of a stored hash (scene hash, then kit hash when one was found); a kit band is null without a kit hash. */
export function photoBands(hash: string): { scene: number[]; kit: number[] | null } {
  const cut = (hex: string) => {
    const bits = BigInt(`0x${hex.padEnd(hashHexDigits, '0')}`);
    return Array.from({ length: bandCount }, (_, band) => Number((bits >> BigInt(144 - bandStart(band) - bandBits(band))) & ((1n << BigInt(bandBits(band))) - 1n)));
  };
  const kit = hash.slice(hashHexDigits, 2 * hashHexDigits);
  return { scene: cut(hash.slice(0, hashHexDigits)), kit: kit.length === hashHexDigits ? cut(kit) : null };
}

/**
 * The radius to search in each band so that no hash within `radius` bits is missed: with
 * radius = bands·s + a (0 ≤ a < bands), a hash differing in more than s bits in each of the first a+1
 * bands and more than s−1 in the others differs in at least bands·s + a + 1 bits in all.
 */
export function bandRadii(radius: number): number[] {
  const s = Math.floor(radius / bandCount);
  const a = radius % bandCount;
  return Array.from({ length: bandCount }, (_, band) => (band <= a ? s : s - 1));
}

/** Every band value within `radius` bits of `value`, the value itself first; none for a negative radius. */
export function neighbours(value: number, radius: number, width: number): number[] {
  const out: number[] = [];
  if (radius < 0) return out;
  const walk = (current: number, from: number, left: number) => {
    out.push(current);
    if (left === 0) return;
    for (let bit = from; bit < width; bit += 1) walk(current ^ (1 << bit), bit + 1, left - 1);
  };
  walk(value, 0, radius);
  return out;
}

/** What a lookup asks of each band column: the values to probe. */
export interface BandProbe {
  column: ReturnType<typeof bandColumn>;
  values: number[];
}

/** The probes that find every stored hash within `scene` bits of this one's scene hash or `kit` bits of its kit hash. */
export function bandProbes(hash: string, radius: { scene: number; kit: number }): BandProbe[] {
  const bands = photoBands(hash);
  const probes: BandProbe[] = [];
  const add = (kind: HashKind, values: number[], radii: number[]) =>
    values.forEach((value, band) => {
      const within = neighbours(value, radii[band] ?? -1, bandBits(band));
      if (within.length > 0) probes.push({ column: bandColumn(kind, band), values: within });
    });
  add('scene', bands.scene, bandRadii(radius.scene));
  if (bands.kit) add('kit', bands.kit, bandRadii(radius.kit));
  return probes;
}
