/**
 * The real-kit set: photographs of real cassettes (testing/images/real-kits/, RDTScan's reference photos,
 * © 2018 University of Washington Ubicomp Lab and Medic Mobile, BSD-3; see the README there) with C and T
 * lines of real colours and strengths drawn into their windows, then laid on a table and photographed
 * again: another table, angle, tilt (perspective), light, blur, noise and JPEG quality for each seed.
 * docs/antigen-reader.md says how the lines and scenes are drawn and why.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import jpeg from 'jpeg-js';
import { createRaster, type Raster } from '../../core/antigen/raster.ts';
import { squareToQuad } from '../../core/antigen/plane.ts';
import { kitTemplate } from '../../core/antigen/kit-templates.ts';
import type { CassetteTemplate } from '../../core/contract/antigen.ts';
import { seededRandom } from '../../core/seeded-random.ts';
import { boxBlur } from './cassette-fixture.ts';
import { encodeJpeg } from './jpeg.ts';

const folder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'real-kits');

/** The photo of each real make, and whether it was taken landscape (turned a quarter clockwise to stand upright). */
export const realKitPhotos = {
  alltest: { file: 'covid19_alltest_ref_v0.jpg', landscape: false },
  'ncov-phone': { file: 'covid19_good.jpg', landscape: false },
  greenspring: { file: 'covid19_greenspring_ref_v0.jpg', landscape: false },
  realytech: { file: 'covid19_realytech_ref_v0.jpg', landscape: false },
  joysbio: { file: 'covid19ag_joysbio_ref_v0.JPG', landscape: false },
  redpharm: { file: 'covid19ag_redpharm_ref_v0.JPG', landscape: true },
} as const;
export type RealMake = keyof typeof realKitPhotos;
export const realMakes = Object.keys(realKitPhotos) as RealMake[];

const uprightCache = new Map<RealMake, Raster>();

/** The make's reference photo, upright (its `along` down the picture), as the template measures it. */
export function uprightKit(make: RealMake): Raster {
  const cached = uprightCache.get(make);
  if (cached) return cached;
  const { file, landscape } = realKitPhotos[make];
  const photo = jpeg.decode(fs.readFileSync(path.join(folder, file)), { useTArray: true, formatAsRGBA: true });
  let upright: Raster = photo;
  if (landscape) {
    // A quarter turn clockwise: (x, y) of the landscape photo goes to (H − 1 − y, x).
    const out = createRaster(photo.height, photo.width);
    for (let y = 0; y < photo.height; y += 1) {
      for (let x = 0; x < photo.width; x += 1) {
        const from = (y * photo.width + x) * 4;
        const to = (x * out.width + (photo.height - 1 - y)) * 4;
        for (let channel = 0; channel < 4; channel += 1) out.data[to + channel] = photo.data[from + channel] ?? 0;
      }
    }
    upright = out;
  }
  uprightCache.set(make, upright);
  return upright;
}

export type Rgb = readonly [number, number, number];
/**
 * Line colours at full strength: colloidal gold's red-purple (most antigen self-tests in China, 2022), a
 * deeper purple, and the blue of latex kits (乳胶法). Read off photographs of used kits, as sRGB.
 */
export const lineColours: Record<string, Rgb> = { gold: [178, 34, 84], purple: [120, 40, 120], latex: [40, 70, 170] };

/** Line strengths: 0 absent, about 0.06–0.12 a faint line a person can just see, 1 strong. */
export interface DrawnLines {
  control: number;
  /** One strength per test line of the template (IgG and IgM kits have two). */
  tests: number[];
  colour: Rgb;
  /** Thickness in body lengths. */
  thickness: number;
}

/**
 * The lines drawn into the upright kit's window: dye multiplies the membrane's light (so a shadowed
 * membrane gives a darker line), with soft edges, across the window less a small margin.
 */
export function drawLines(kit: Raster, template: CassetteTemplate, lines: DrawnLines): Raster & { data: Uint8ClampedArray } {
  const out = createRaster(kit.width, kit.height);
  out.data.set(kit.data);
  const { along, across } = template.window;
  const x0 = Math.round((across[0] + (across[1] - across[0]) * 0.08) * kit.width);
  const x1 = Math.round((across[1] - (across[1] - across[0]) * 0.08) * kit.width);
  const half = (lines.thickness * kit.height) / 2;
  const tests = template.lines.filter((line) => line.role === 'test');
  const drawn = template.lines.map((line) => ({
    at: line.along * kit.height,
    strength: line.role === 'control' ? lines.control : (lines.tests[tests.indexOf(line)] ?? 0),
  }));
  for (let y = Math.floor(along[0] * kit.height); y < Math.ceil(along[1] * kit.height); y += 1) {
    let strength = 0;
    for (const line of drawn) strength = Math.max(strength, line.strength * Math.min(1, Math.max(0, (half + 0.75 - Math.abs(y + 0.5 - line.at)) / 1.5)));
    if (strength <= 0) continue;
    for (let x = x0; x < x1; x += 1) {
      const offset = (y * kit.width + x) * 4;
      for (let channel = 0; channel < 3; channel += 1) {
        const transmit = 1 - strength + (strength * (lines.colour[channel] ?? 255)) / 255;
        out.data[offset + channel] = (kit.data[offset + channel] ?? 0) * transmit;
      }
    }
  }
  return out;
}

function invert3(m: number[]): number[] {
  const [a, b, c, d, e, f, g, h, i] = m as [number, number, number, number, number, number, number, number, number];
  const A = e * i - f * h;
  const B = -(d * i - f * g);
  const C = d * h - e * g;
  const det = a * A + b * B + c * C;
  return [A, -(b * i - c * h), b * f - c * e, B, a * i - c * g, -(a * f - c * d), C, -(a * h - b * g), a * e - b * d].map((value) => value / det);
}

export type Table = 'wood' | 'plain' | 'cloth' | 'speckle' | 'stone';
export interface RealKitScene {
  make: RealMake;
  seed: number;
  /** The table's own pattern (grain, speckle, stone): the same table photographed again keeps it. */
  tableSeed: number;
  width: number;
  height: number;
  table: Table;
  tableColours: [Rgb, Rgb];
  /** Centre (shares of the picture), length (share of the picture's longer side), turn (radians, any), tilt (keystone, shares). */
  placement: { cx: number; cy: number; length: number; angle: number; tiltAlong: number; tiltAcross: number };
  light: { gain: Rgb; level: number; gradient: number; gradientAngle: number };
  blur: number;
  noise: number;
  quality: number;
}

const between = (random: () => number, low: number, high: number) => low + (high - low) * random();
const pick = <T,>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

const tableColours: Record<Table, [Rgb, Rgb][]> = {
  wood: [[[150, 100, 60], [110, 70, 40]], [[190, 140, 90], [150, 105, 65]], [[90, 60, 40], [60, 40, 25]], [[200, 165, 120], [170, 130, 90]]],
  plain: [[[60, 60, 65], [60, 60, 65]], [[120, 130, 140], [120, 130, 140]], [[40, 80, 60], [40, 80, 60]], [[170, 160, 150], [170, 160, 150]], [[30, 30, 35], [30, 30, 35]]],
  cloth: [[[180, 40, 40], [220, 200, 190]], [[40, 70, 150], [200, 205, 210]], [[90, 140, 90], [190, 190, 170]]],
  speckle: [[[120, 120, 120], [80, 80, 85]], [[160, 150, 130], [110, 100, 90]]],
  stone: [[[140, 140, 135], [100, 100, 98]], [[90, 85, 80], [150, 145, 140]]],
};

/**
 * A random scene for a make: the kit turned to any angle (a quarter of the time upside down), tilted up
 * to about 12 % keystone, filling 45–80 % of the picture, on one of five kinds of table, in light of
 * another colour, level and gradient, and saved as JPEG at quality 55–92.
 */
export function realKitScene(make: RealMake, seed: number, size = { width: 480, height: 640 }): RealKitScene {
  const random = seededRandom(seed * 9973 + 41);
  const table = pick(random, ['wood', 'wood', 'plain', 'cloth', 'speckle', 'stone'] as const);
  const cast = between(random, -0.1, 0.1);
  const upsideDown = random() < 0.25;
  const landscape = random() < 0.2;
  return {
    make,
    seed,
    tableSeed: seed,
    ...size,
    table,
    tableColours: pick(random, tableColours[table]),
    placement: {
      cx: between(random, 0.4, 0.6),
      cy: between(random, 0.4, 0.6),
      length: between(random, 0.5, 0.8),
      angle: between(random, -0.35, 0.35) + (upsideDown ? Math.PI : 0) + (landscape ? Math.PI / 2 : 0),
      tiltAlong: between(random, -0.12, 0.12),
      tiltAcross: between(random, -0.06, 0.06),
    },
    light: { gain: [1 + cast, 1 - Math.abs(cast) / 3, 1 - cast], level: between(random, 0.7, 1.08), gradient: between(random, 0, 0.3), gradientAngle: between(random, 0, 2 * Math.PI) },
    blur: Math.floor(between(random, 0, 2.6)),
    noise: between(random, 1, 5),
    quality: Math.round(between(random, 55, 92)),
  };
}

/** A table's speckle at a pixel, fixed to the table (not the photo), so the same table looks the same again. */
function grainAt(tableSeed: number, x: number, y: number): number {
  let h = Math.imul(x + 0x9e37, 0x85ebca6b) ^ Math.imul(y + 0x7f4a, 0xc2b2ae35) ^ Math.imul(tableSeed, 0x27d4eb2f);
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  h ^= h >>> 13;
  return (h >>> 0) / 4294967296;
}

function tableAt(scene: RealKitScene, x: number, y: number): Rgb {
  const [a, b] = scene.tableColours;
  const grain = grainAt(scene.tableSeed, x, y);
  let mix: number;
  switch (scene.table) {
    case 'wood':
      mix = 0.5 + 0.35 * Math.sin(y / 7 + 3 * Math.sin(x / 60 + scene.tableSeed)) + 0.15 * (grain - 0.5);
      break;
    case 'cloth':
      mix = (Math.floor(x / 24) + Math.floor(y / 24)) % 2 === 0 ? 0.1 : 0.9;
      break;
    case 'speckle':
      mix = grain;
      break;
    case 'stone':
      mix = 0.5 + 0.3 * Math.sin(x / 31 + Math.sin(y / 17) * 2) * Math.sin(y / 23) + 0.2 * (grain - 0.5);
      break;
    case 'plain':
      mix = 0.5;
      break;
  }
  mix = Math.min(1, Math.max(0, mix));
  return [a[0] * (1 - mix) + b[0] * mix, a[1] * (1 - mix) + b[1] * mix, a[2] * (1 - mix) + b[2] * mix];
}

/** The four corners of the kit in the picture, in the order top-left, top-right, bottom-right, bottom-left of the upright kit. */
export function kitCorners(scene: RealKitScene, kit: Raster): [number, number][] {
  const { cx, cy, length, angle, tiltAlong, tiltAcross } = scene.placement;
  const side = Math.max(scene.width, scene.height) * length;
  const halfL = side / 2;
  const halfW = (side * kit.width) / kit.height / 2;
  // Keystone: the end farther from the camera is drawn narrower (tiltAlong) and one side shorter (tiltAcross).
  const corners: [number, number][] = [
    [-halfW * (1 - tiltAlong), -halfL * (1 - tiltAcross)],
    [halfW * (1 - tiltAlong), -halfL * (1 + tiltAcross)],
    [halfW * (1 + tiltAlong), halfL * (1 + tiltAcross)],
    [-halfW * (1 + tiltAlong), halfL * (1 - tiltAcross)],
  ];
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  return corners.map(([u, v]) => [cx * scene.width + u * cos - v * sin, cy * scene.height + u * sin + v * cos]);
}

/** The scene drawn: the kit (with its drawn lines) laid on the table, lit, blurred, noised; the RGBA before JPEG. */
export function renderRealKit(scene: RealKitScene, kit: Raster): Raster & { data: Uint8ClampedArray } {
  const random = seededRandom(scene.seed ^ 0x7ab1e);
  const out = createRaster(scene.width, scene.height);
  const toKit = invert3(squareToQuad(kitCorners(scene, kit)));
  const [h0, h1, h2, h3, h4, h5, h6, h7, h8] = toKit as [number, number, number, number, number, number, number, number, number];
  const corner = 0.06;
  const aspect = kit.width / kit.height;
  const { gain, level, gradient, gradientAngle } = scene.light;
  const gx = Math.cos(gradientAngle);
  const gy = Math.sin(gradientAngle);
  for (let y = 0; y < scene.height; y += 1) {
    for (let x = 0; x < scene.width; x += 1) {
      const w = h6 * x + h7 * y + h8;
      const s = (h0 * x + h1 * y + h2) / w;
      const t = (h3 * x + h4 * y + h5) / w;
      // Inside the body, less 1 % of the tightly cropped photo's edge and rounded corners.
      const ds = Math.max(0, Math.abs(s - 0.5) - (0.49 - corner));
      const dt = Math.max(0, (Math.abs(t - 0.5) - (0.49 - corner * aspect)) / aspect);
      let colour: Rgb;
      if (s >= 0 && s <= 1 && t >= 0 && t <= 1 && ds * ds + dt * dt <= corner * corner) {
        const kx = Math.min(kit.width - 1.001, Math.max(0, s * kit.width - 0.5));
        const ky = Math.min(kit.height - 1.001, Math.max(0, t * kit.height - 0.5));
        const ix = Math.floor(kx);
        const iy = Math.floor(ky);
        const fx = kx - ix;
        const fy = ky - iy;
        const at = (px: number, py: number, channel: number) => kit.data[(py * kit.width + px) * 4 + channel] ?? 0;
        colour = [0, 1, 2].map(
          (channel) => (at(ix, iy, channel) * (1 - fx) + at(ix + 1, iy, channel) * fx) * (1 - fy) + (at(ix, iy + 1, channel) * (1 - fx) + at(ix + 1, iy + 1, channel) * fx) * fy,
        ) as unknown as Rgb;
      } else {
        colour = tableAt(scene, x, y);
      }
      const light = level * (1 - gradient * (0.5 + 0.5 * ((x / scene.width - 0.5) * gx + (y / scene.height - 0.5) * gy)));
      const offset = (y * scene.width + x) * 4;
      for (let channel = 0; channel < 3; channel += 1) out.data[offset + channel] = (colour[channel] ?? 0) * (gain[channel] ?? 1) * light;
      out.data[offset + 3] = 255;
    }
  }
  if (scene.blur > 0) boxBlur(out, scene.blur);
  for (let offset = 0; offset < out.data.length; offset += 4) {
    const n = (random() + random() + random() - 1.5) * 2 * scene.noise;
    for (let channel = 0; channel < 3; channel += 1) out.data[offset + channel] = (out.data[offset + channel] ?? 0) + n;
  }
  return out;
}

export type RealStripClass = 'negative' | 'faint positive' | 'positive' | 'invalid';

/** What a class of strip draws: a strong-to-medium C, and T absent, faint (0.06–0.14), or 0.2–1 (invalid: no C). */
export function realKitLines(kind: RealStripClass, make: RealMake, seed: number): DrawnLines {
  const random = seededRandom(seed * 7121 + 5);
  const testCount = kitTemplate(make).lines.filter((line) => line.role === 'test').length;
  const colour = pick(random, [lineColours.gold, lineColours.gold, lineColours.purple, lineColours.latex] as const) ?? lineColours.gold;
  const control = kind === 'invalid' ? 0 : between(random, 0.4, 1);
  const strength = { negative: 0, 'faint positive': between(random, 0.06, 0.14), positive: between(random, 0.2, 1), invalid: random() < 0.5 ? 0 : between(random, 0.2, 1) }[kind];
  const which = Math.floor(random() * testCount);
  return {
    control,
    tests: Array.from({ length: testCount }, (_, index) => (index === which ? strength : 0)),
    colour: colour as Rgb,
    thickness: between(random, 0.008, 0.016),
  };
}

/** One photo of the set: a make's kit with lines of a class, in a scene, as the JPEG a phone sends. */
export function realKitPhoto(make: RealMake, kind: RealStripClass, seed: number, size?: { width: number; height: number }): { jpeg: Buffer; scene: RealKitScene } {
  const scene = realKitScene(make, seed, size);
  const kit = drawLines(uprightKit(make), kitTemplate(make), realKitLines(kind, make, seed));
  return { jpeg: encodeJpeg(renderRealKit(scene, kit), scene.quality), scene };
}

export type NextKit = 'another table' | 'same table, elsewhere, turned' | 'same table, elsewhere, same angle';
export const nextKits: readonly NextKit[] = ['same table, elsewhere, turned', 'same table, elsewhere, same angle', 'another table'];

/**
 * A household testing from one box of a make, one kit a day: each day's scene follows the day before's
 * (`nextKits` in turn): the same table, with its pattern, in the same light, the kit put down 8–20 % of the
 * frame away and turned 3–30°, or laid at the same angle; or another table (another kind or colour of table,
 * light, place, angle). Noise, blur and JPEG quality (55–92) are each photo's own.
 */
export function sameMakeSeries(make: RealMake, seed: number, days: number, size = { width: 360, height: 480 }): RealKitScene[] {
  const scenes = [realKitScene(make, seed, size)];
  for (let day = 1; day < days; day += 1) {
    const before = scenes[day - 1] as RealKitScene;
    const kind = nextKits[(day - 1) % nextKits.length] as NextKit;
    const own = realKitScene(make, seed + day * 1000, size);
    if (kind === 'another table') {
      let other = own.seed;
      let next = own;
      while (next.table === before.table && next.tableColours === before.tableColours) next = realKitScene(make, (other += 1), size);
      scenes.push(next);
      continue;
    }
    const random = seededRandom(own.seed * 31337 + 7);
    const clamp = (value: number) => Math.min(0.68, Math.max(0.32, value));
    let { cx, cy } = before.placement;
    // A place at least 8 % of the frame away that keeps the kit in the picture.
    for (let tries = 0; Math.hypot(cx - before.placement.cx, cy - before.placement.cy) < 0.08 && tries < 50; tries += 1) {
      const direction = between(random, 0, 2 * Math.PI);
      const distance = between(random, 0.08, 0.2);
      cx = clamp(before.placement.cx + distance * Math.cos(direction));
      cy = clamp(before.placement.cy + distance * Math.sin(direction));
    }
    const turn = kind === 'same table, elsewhere, turned' ? (random() < 0.5 ? -1 : 1) * between(random, 0.05, 0.5) : between(random, -0.005, 0.005);
    scenes.push({
      ...own,
      tableSeed: before.tableSeed,
      table: before.table,
      tableColours: before.tableColours,
      light: { ...before.light, level: before.light.level * between(random, 0.97, 1.03) },
      placement: { ...before.placement, cx, cy, angle: before.placement.angle + turn, length: before.placement.length * between(random, 0.95, 1.05) },
    });
  }
  return scenes;
}

/** A scene of the series as the JPEG a phone sends: a negative kit with its own lines. */
export function seriesPhoto(scene: RealKitScene): Buffer {
  const kit = drawLines(uprightKit(scene.make), kitTemplate(scene.make), realKitLines('negative', scene.make, scene.seed));
  return encodeJpeg(renderRealKit(scene, kit), scene.quality);
}
