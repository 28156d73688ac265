/**
 * Cassette templates: where the window, the C and T lines and the sample well lie on each kit's body, in
 * shares of the body (see `cassetteTemplate` in core/contract/antigen.ts), measured on one upright, tightly
 * cropped reference photo of the kit as RDTScan does. The reference thumbnails (kit-references.ts) are
 * made from those photos by scripts/build/kit-references.ts. docs/antigen-reader.md says how they are used.
 */
import type { CassetteTemplate } from '../contract/antigen.ts';
import { kitReferences } from './kit-references.ts';

/** The thumbnail the reader correlates with: cells along × across the body, grey 0–255, row by row along. */
export const referenceGrid = { along: 40, across: 14 } as const;

type Geometry = Omit<CassetteTemplate, 'reference'>;

/**
 * Measured in pixels on the reference photos in testing/images/real-kits/ (RDTScan's, BSD-3) and written as
 * shares: e.g. AllTest's window is x 112–152, y 248–410 of 240×755. Lines printed beside the window (C, IgG,
 * IgM; C, T) give the lines' places. On every one the C line is the one farther from the well.
 */
const geometries: Record<string, Geometry> = {
  generated: {
    // The project's generated cassette (testing/images/cassette-fixture.ts, `cassetteLayout`).
    make: 'generated',
    aspect: 0.32,
    window: { along: [0.26, 0.58], across: [0.266, 0.734] },
    lines: [
      { name: 'C', role: 'control', along: 0.34 },
      { name: 'T', role: 'test', along: 0.46 },
    ],
    well: { along: 0.78, across: 0.5, radius: 0.065 },
    flow: 'decreasing',
  },
  alltest: {
    make: 'alltest',
    aspect: 240 / 755,
    window: { along: [248 / 755, 410 / 755], across: [112 / 240, 152 / 240] },
    lines: [
      { name: 'C', role: 'control', along: 283 / 755 },
      { name: 'IgG', role: 'test', along: 325 / 755 },
      { name: 'IgM', role: 'test', along: 362 / 755 },
    ],
    well: { along: 628 / 755, across: 128 / 240, radius: 0.04 },
    flow: 'decreasing',
  },
  'ncov-phone': {
    // covid19_good.jpg: a phone photo of a 2019-nCoV IgG/IgM cassette of AllTest's design, measured on its own.
    make: 'ncov-phone',
    aspect: 535 / 1714,
    window: { along: [547 / 1714, 913 / 1714], across: [257 / 535, 345 / 535] },
    lines: [
      { name: 'C', role: 'control', along: 632 / 1714 },
      { name: 'IgG', role: 'test', along: 730 / 1714 },
      { name: 'IgM', role: 'test', along: 825 / 1714 },
    ],
    well: { along: 1432 / 1714, across: 295 / 535, radius: 0.04 },
    flow: 'decreasing',
  },
  greenspring: {
    // The narrow one: 140×770, about 1:5.5.
    make: 'greenspring',
    aspect: 140 / 770,
    window: { along: [315 / 770, 463 / 770], across: [55 / 140, 82 / 140] },
    lines: [
      { name: 'C', role: 'control', along: 342 / 770 },
      { name: 'G', role: 'test', along: 388 / 770 },
      { name: 'M', role: 'test', along: 432 / 770 },
    ],
    well: { along: 595 / 770, across: 70 / 140, radius: 0.03 },
    flow: 'decreasing',
  },
  realytech: {
    make: 'realytech',
    aspect: 245 / 760,
    window: { along: [256 / 760, 397 / 760], across: [104 / 245, 137 / 245] },
    lines: [
      { name: 'C', role: 'control', along: 275 / 760 },
      { name: 'G', role: 'test', along: 318 / 760 },
      { name: 'M', role: 'test', along: 363 / 760 },
    ],
    well: { along: 630 / 760, across: 120 / 245, radius: 0.03 },
    flow: 'decreasing',
  },
  joysbio: {
    make: 'joysbio',
    aspect: 188 / 677,
    window: { along: [250 / 677, 387 / 677], across: [78 / 188, 100 / 188] },
    lines: [
      { name: 'C', role: 'control', along: 297 / 677 },
      { name: 'T', role: 'test', along: 341 / 677 },
    ],
    well: { along: 540 / 677, across: 92 / 188, radius: 0.035 },
    flow: 'decreasing',
  },
  redpharm: {
    // Photographed landscape (677×188), well on the right, so turned a quarter clockwise to stand upright:
    // `along` is its x and `across` runs from its bottom edge (1 − y/188).
    make: 'redpharm',
    aspect: 188 / 677,
    window: { along: [250 / 677, 388 / 677], across: [1 - 110 / 188, 1 - 84 / 188] },
    lines: [
      { name: 'C', role: 'control', along: 298 / 677 },
      { name: 'T', role: 'test', along: 342 / 677 },
    ],
    well: { along: 545 / 677, across: 1 - 95 / 188, radius: 0.035 },
    flow: 'decreasing',
  },
};


/** Every template, by make. */
export const kitTemplates: Record<string, CassetteTemplate> = Object.fromEntries(
  Object.entries(geometries).map(([make, geometry]) => [
    make,
    { ...geometry, reference: { ...referenceGrid, grey: kitReferences[make] ?? '' } },
  ]),
);

export function kitTemplate(make: string): CassetteTemplate {
  const template = kitTemplates[make];
  if (!template) throw new Error(`no cassette template for ${make}`);
  return template;
}

/** The reference thumbnail's bytes. */
export function referenceCells(template: CassetteTemplate): Uint8Array {
  const text = template.reference.grey;
  const binary = typeof atob === 'function' ? atob(text) : '';
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  return bytes;
}
