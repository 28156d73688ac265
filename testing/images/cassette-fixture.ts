/**
 * Generated photos of antigen cassettes for tests and benchmarks: a kit lying on a table, shot from a
 * phone, with the things that vary in real photos (where it lies, its angle, the light and its colour,
 * blur, sensor noise) and the lines in its window (C present or not, T from absent to strong). Seeded, so
 * a scene is the same picture on every run. Also the alterations people make to a photo they reuse.
 */
import { seededRandom } from '../../core/seeded-random.ts';
import { createRaster, resizeRaster, type Raster } from '../../core/antigen/raster.ts';

export type Rgb = readonly [number, number, number];

export interface CassetteScene {
  width: number;
  height: number;
  seed: number;
  background: { base: Rgb; second: Rgb; texture: 'plain' | 'stripes' | 'speckle' | 'checks'; scale: number; angle: number };
  /** Centre as a share of the picture, length as a share of its height, angle in radians (0 = upright). */
  cassette: { cx: number; cy: number; length: number; angle: number; body: Rgb; brand: Rgb; marks: number; layout: CassetteLayout };
  /** Line strength 0–1: 0 absent, about 0.08 a faint line a person can just see, 1 a strong one. */
  lines: { control: number; test: number };
  light: { gain: Rgb; gradient: number; gradientAngle: number };
  blur: number;
  noise: number;
}

const between = (random: () => number, low: number, high: number) => low + (high - low) * random();
const pick = <T,>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

/**
 * A random scene; `lines` and anything in `overrides` fix what the caller is testing. `varyDesign` draws
 * a kit of its own design (shape, window, well, print) instead of the common layout the strip reader is
 * measured on: the photo-hash set needs distinct kits, as many makers' kits are photographed.
 */
export function randomScene(
  seed: number,
  overrides: Partial<Pick<CassetteScene, 'lines' | 'blur' | 'noise' | 'width' | 'height'>> & { angleRange?: number; varyDesign?: boolean } = {},
): CassetteScene {
  const random = seededRandom(seed);
  const colour = (low: number, high: number): Rgb => [between(random, low, high), between(random, low, high), between(random, low, high)];
  const cast = between(random, -0.12, 0.12);
  const angleRange = overrides.angleRange ?? 0.35;
  return {
    width: overrides.width ?? 480,
    height: overrides.height ?? 640,
    seed,
    background: {
      base: colour(30, 200),
      second: colour(30, 220),
      texture: pick(random, ['plain', 'stripes', 'speckle', 'checks'] as const),
      scale: between(random, 8, 60),
      angle: between(random, 0, Math.PI),
    },
    cassette: {
      cx: between(random, 0.35, 0.65),
      cy: between(random, 0.38, 0.62),
      length: between(random, 0.55, 0.8),
      angle: between(random, -angleRange, angleRange),
      body: colour(225, 252),
      brand: colour(20, 220),
      marks: Math.floor(between(random, 2, 9)),
      layout: overrides.varyDesign ? randomLayout(seed) : cassetteLayout,
    },
    lines: overrides.lines ?? { control: 1, test: random() < 0.5 ? 0 : between(random, 0.1, 1) },
    light: {
      gain: [1 + cast, 1 - Math.abs(cast) / 3, 1 - cast].map((gain) => gain * between(random, 0.75, 1.1)) as unknown as Rgb,
      gradient: between(random, 0, 0.35),
      gradientAngle: between(random, 0, 2 * Math.PI),
    },
    blur: overrides.blur ?? Math.floor(between(random, 0, 3)),
    noise: overrides.noise ?? between(random, 1, 6),
  };
}

/** Where the parts of a cassette lie along its length (u, from -0.5 at the top to 0.5) and across it (v). */
export interface CassetteLayout {
  halfWidth: number;
  brand: readonly [number, number];
  window: { u0: number; u1: number; halfWidth: number };
  controlLine: number;
  testLine: number;
  lineHalfThickness: number;
  well: { u: number; radius: number; square?: boolean };
}

export const cassetteLayout: CassetteLayout = {
  halfWidth: 0.16,
  brand: [-0.46, -0.34],
  window: { u0: -0.24, u1: 0.08, halfWidth: 0.075 },
  controlLine: -0.16,
  testLine: -0.04,
  lineHalfThickness: 0.008,
  well: { u: 0.28, radius: 0.065 },
};

/** Another maker's kit: narrower or wider, window and well elsewhere, a square well, the brand at either end. Its own random stream, so the rest of a scene stays as it was. */
function randomLayout(seed: number): CassetteLayout {
  const random = seededRandom(seed * 2654435761 + 17);
  const halfWidth = between(random, 0.12, 0.21);
  const windowLength = between(random, 0.22, 0.36);
  const u0 = between(random, -0.36, -0.12);
  const u1 = u0 + windowLength;
  const brandAtTop = random() < 0.6;
  return {
    halfWidth,
    brand: brandAtTop ? [-0.46, between(random, -0.42, -0.37)] : [between(random, 0.4, 0.44), 0.46],
    window: { u0, u1, halfWidth: halfWidth * between(random, 0.35, 0.6) },
    controlLine: u0 + windowLength * 0.25,
    testLine: u0 + windowLength * 0.62,
    lineHalfThickness: between(random, 0.006, 0.011),
    well: { u: between(random, Math.max(u1 + 0.1, 0.2), 0.34), radius: halfWidth * between(random, 0.3, 0.55), square: random() < 0.35 },
  };
}

const membrane: Rgb = [246, 244, 240];
const lineColour: Rgb = [196, 38, 92];

function textureMix(texture: CassetteScene['background']['texture'], along: number, across: number, scale: number, grain: number): number {
  switch (texture) {
    case 'stripes':
      return 0.5 + 0.5 * Math.sin(along / scale);
    case 'checks':
      return (Math.floor(along / scale) + Math.floor(across / scale)) % 2 === 0 ? 0.15 : 0.85;
    case 'speckle':
      return grain;
    case 'plain':
      return 0.5 + 0.3 * Math.sin(along / (scale * 9));
  }
}

function backgroundAt(scene: CassetteScene, x: number, y: number, grain: number): Rgb {
  const { base, second, texture, scale, angle } = scene.background;
  const along = x * Math.cos(angle) + y * Math.sin(angle);
  const across = -x * Math.sin(angle) + y * Math.cos(angle);
  const mix = textureMix(texture, along, across, scale, grain);
  return [base[0] * (1 - mix) + second[0] * mix, base[1] * (1 - mix) + second[1] * mix, base[2] * (1 - mix) + second[2] * mix];
}

function lineStrength(scene: CassetteScene, u: number): number {
  const { controlLine, testLine, lineHalfThickness } = scene.cassette.layout;
  // A soft edge, like dye soaked into the membrane.
  const profile = (centre: number) => Math.max(0, 1 - Math.max(0, Math.abs(u - centre) - lineHalfThickness * 0.6) / (lineHalfThickness * 0.8));
  return Math.min(1, scene.lines.control * profile(controlLine) + scene.lines.test * profile(testLine));
}

/** What the cassette shows at (u, v), in cassette lengths from its centre; null off the cassette. */
function cassetteAt(scene: CassetteScene, u: number, v: number, marks: readonly { u: number; v: number; w: number; h: number }[]): Rgb | null {
  const { halfWidth, brand, window, well } = scene.cassette.layout;
  const corner = 0.05;
  const du = Math.max(0, Math.abs(u) - (0.5 - corner));
  const dv = Math.max(0, Math.abs(v) - (halfWidth - corner));
  if (du * du + dv * dv > corner * corner) return null;
  const { body } = scene.cassette;
  if (u > window.u0 && u < window.u1 && Math.abs(v) < window.halfWidth) {
    const edge = Math.min(u - window.u0, window.u1 - u, window.halfWidth - Math.abs(v));
    if (edge < 0.008) return [body[0] * 0.55, body[1] * 0.55, body[2] * 0.55];
    const strength = lineStrength(scene, u);
    return [
      membrane[0] + (lineColour[0] - membrane[0]) * strength,
      membrane[1] + (lineColour[1] - membrane[1]) * strength,
      membrane[2] + (lineColour[2] - membrane[2]) * strength,
    ];
  }
  const wellDistance = well.square ? Math.max(Math.abs(u - well.u), Math.abs(v)) : Math.hypot(u - well.u, v);
  if (wellDistance < well.radius) return wellDistance > well.radius - 0.008 ? [body[0] * 0.5, body[1] * 0.5, body[2] * 0.5] : [205, 200, 196];
  if (u > brand[0] && u < brand[1] && Math.abs(v) < halfWidth - 0.02) return scene.cassette.brand;
  // The printed C and T beside the window, and the maker's print (logo, lot, arrows) that differs by kit.
  for (const mark of marks) if (Math.abs(u - mark.u) < mark.h && Math.abs(v - mark.v) < mark.w) return [60, 60, 70];
  return body;
}

/** Draws a scene. */
export function renderCassette(scene: CassetteScene): Raster & { data: Uint8ClampedArray } {
  const { width, height } = scene;
  const random = seededRandom(scene.seed ^ 0x5eed);
  const raster = createRaster(width, height);
  const { cx, cy, length, angle } = scene.cassette;
  const centreX = cx * width;
  const centreY = cy * height;
  const scale = length * height;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const { window, controlLine, testLine, halfWidth } = scene.cassette.layout;
  const marks = [
    { u: controlLine, v: window.halfWidth + 0.035, w: 0.012, h: 0.012 },
    { u: testLine, v: window.halfWidth + 0.035, w: 0.012, h: 0.012 },
    ...Array.from({ length: scene.cassette.marks }, () => ({
      u: between(random, -0.3, 0.45),
      v: between(random, -(halfWidth - 0.03), halfWidth - 0.03),
      w: between(random, 0.005, 0.03),
      h: between(random, 0.005, 0.02),
    })).filter((mark) => !(mark.u > window.u0 - 0.03 && mark.u < window.u1 + 0.03 && Math.abs(mark.v) < window.halfWidth + 0.06)),
  ];
  const { gain, gradient, gradientAngle } = scene.light;
  const gx = Math.cos(gradientAngle);
  const gy = Math.sin(gradientAngle);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const dx = x - centreX;
      const dy = y - centreY;
      const u = (dx * sin + dy * cos) / scale;
      const v = (dx * cos - dy * sin) / scale;
      const grain = random();
      const colour = cassetteAt(scene, u, v, marks) ?? backgroundAt(scene, x, y, grain);
      const light = 1 - gradient * (0.5 + 0.5 * ((x / width - 0.5) * gx + (y / height - 0.5) * gy));
      const offset = (y * width + x) * 4;
      for (let channel = 0; channel < 3; channel += 1) raster.data[offset + channel] = (colour[channel] ?? 0) * (gain[channel] ?? 1) * light;
      raster.data[offset + 3] = 255;
    }
  }
  if (scene.blur > 0) boxBlur(raster, scene.blur);
  if (scene.noise > 0) addNoise(raster, scene.noise, random);
  return raster;
}

/** Two passes of a box blur, close enough to the defocus of a phone held too near. */
export function boxBlur(raster: Raster, radius: number): void {
  const { width, height, data } = raster;
  const line = new Float32Array(Math.max(width, height));
  for (let pass = 0; pass < 2; pass += 1) {
    for (const horizontal of [true, false]) {
      const outer = horizontal ? height : width;
      const inner = horizontal ? width : height;
      for (let o = 0; o < outer; o += 1) {
        for (let channel = 0; channel < 3; channel += 1) {
          const index = (i: number) => ((horizontal ? o * width + i : i * width + o) * 4) + channel;
          for (let i = 0; i < inner; i += 1) line[i] = data[index(i)] ?? 0;
          for (let i = 0; i < inner; i += 1) {
            let sum = 0;
            for (let k = -radius; k <= radius; k += 1) sum += line[Math.min(inner - 1, Math.max(0, i + k))] ?? 0;
            data[index(i)] = sum / (2 * radius + 1);
          }
        }
      }
    }
  }
}

function addNoise(raster: Raster, sigma: number, random: () => number): void {
  for (let offset = 0; offset < raster.data.length; offset += 4) {
    const n = (random() + random() + random() - 1.5) * 2 * sigma;
    for (let channel = 0; channel < 3; channel += 1) raster.data[offset + channel] = Math.min(255, Math.max(0, (raster.data[offset + channel] ?? 0) + n));
  }
}

/** A copy cropped by the given share of each side. */
export function cropRaster(source: Raster, share: { left: number; top: number; right: number; bottom: number }): Raster & { data: Uint8ClampedArray } {
  const x0 = Math.round(source.width * share.left);
  const y0 = Math.round(source.height * share.top);
  const width = source.width - x0 - Math.round(source.width * share.right);
  const height = source.height - y0 - Math.round(source.height * share.bottom);
  const out = createRaster(width, height);
  for (let y = 0; y < height; y += 1) {
    out.data.set(source.data.subarray(((y + y0) * source.width + x0) * 4, ((y + y0) * source.width + x0 + width) * 4), y * width * 4);
  }
  return out;
}

/** Brightness and contrast changed as a photo editor's sliders do: out = (in - 128) * contrast + 128 + shift. */
export function adjustRaster(source: Raster, shift: number, contrast: number): Raster & { data: Uint8ClampedArray } {
  const out = createRaster(source.width, source.height);
  for (let offset = 0; offset < source.data.length; offset += 4) {
    for (let channel = 0; channel < 3; channel += 1) out.data[offset + channel] = ((source.data[offset + channel] ?? 0) - 128) * contrast + 128 + shift;
    out.data[offset + 3] = 255;
  }
  return out;
}

/**
 * A screenshot of the photo shown on a phone: the photo scaled into a screen of another shape, bars of
 * the viewer's colour around it and a status bar with a clock and icons along the top.
 */
export function screenshotRaster(source: Raster, screen: { width: number; height: number; dark: boolean; seed: number }): Raster & { data: Uint8ClampedArray } {
  const random = seededRandom(screen.seed);
  const out = createRaster(screen.width, screen.height);
  const fill = screen.dark ? 0 : 250;
  out.data.fill(fill);
  const statusBar = Math.round(screen.height * 0.045);
  const available = { width: screen.width, height: screen.height - statusBar * 2 };
  const scale = Math.min(available.width / source.width, available.height / source.height);
  const width = Math.round(source.width * scale);
  const height = Math.round(source.height * scale);
  const scaled = resizeRaster(source, width, height);
  const left = Math.floor((screen.width - width) / 2);
  const top = statusBar + Math.floor((available.height - height) / 2);
  for (let y = 0; y < height; y += 1) out.data.set(scaled.data.subarray(y * width * 4, (y + 1) * width * 4), ((top + y) * screen.width + left) * 4);
  const ink = screen.dark ? 240 : 20;
  const icons = [{ x: 0.05, w: 0.1 }, { x: 0.72, w: 0.05 }, { x: 0.8, w: 0.05 }, { x: 0.88, w: 0.07 }];
  for (const icon of icons) {
    const x0 = Math.round(screen.width * (icon.x + between(random, -0.01, 0.01)));
    const x1 = x0 + Math.round(screen.width * icon.w);
    for (let y = Math.round(statusBar * 0.3); y < Math.round(statusBar * 0.75); y += 1) {
      for (let x = x0; x < x1; x += 1) if (random() < 0.6) out.data.fill(ink, (y * screen.width + x) * 4, (y * screen.width + x) * 4 + 3);
    }
  }
  for (let offset = 3; offset < out.data.length; offset += 4) out.data[offset] = 255;
  return out;
}
