/**
 * Reads a cassette photo against its kit's template (kit-templates.ts), or without one by the generic
 * reading. Both find the body (the largest region of light, nearly neutral plastic: its axis by moments,
 * its ends and sides by where that region ends), then:
 * - with a template, register the photo to the template's reference thumbnail: both ends tried (a kit may
 *   lie either way up), then centre, turn, length, width and keystone (a phone held at a slant) climbed
 *   to the best correlation; too poor a fit, or two ends that fit alike, is "cannot read". The lines are
 *   then read where the template puts them.
 * - without one, find the lines along the middle of the body and the well as the round recess at one
 *   end: C is the line farther from the well. One line is C only when it lies in the half of its window
 *   farther from the well; anything else it cannot place is "cannot read".
 * A line's strength is how much darker (or more coloured) it is than the membrane just beside it, so the
 * shading of a recessed window does not count as a line. docs/antigen-reader.md.
 */
import type { CassetteTemplate, StripReason } from '../contract/antigen.ts';
import { referenceCells, referenceGrid } from './kit-templates.ts';
import { largestLightRegion } from './light-region.ts';
import { pairSums, pearson } from './pair-sums.ts';
import { percentile, sampler, squareToQuad, type Plane } from './plane.ts';

export type StripReading = 'negative' | 'positive' | 'invalid' | 'unreadable';
export interface StripResult {
  result: StripReading;
  /** Line strengths in the window, 0 = membrane, about 0.6 = a strong line; null when not read. */
  control: number | null;
  test: number | null;
  /** Why it could not verify: a code the app says in plain words (outcome-words.ts). */
  reason?: StripReason;
  /** The numbers behind the reason (a shape, a fit), for staff, tests and the benchmark. */
  detail?: string;
}

/** A reading that could not say, with its reason. */
export const unreadable = (reason: StripReason, detail?: string, control: number | null = null, test: number | null = null): StripResult => ({
  result: 'unreadable',
  control,
  test,
  reason,
  ...(detail === undefined ? {} : { detail }),
});

/** Strengths (see StripResult) that decide. Between testAbsent and testPresent the reader will not say. */
export const kitThresholds = { controlPresent: 0.06, testPresent: 0.035, testAbsent: 0.012, fit: 0.55, fitMargin: 0.04, stray: 0.05 } as const;

/** A body found: centre, unit axis along it, length and width, in plane pixels. */
export interface Body {
  cx: number;
  cy: number;
  ax: number;
  ay: number;
  length: number;
  width: number;
}

/** What findBody finds: the body, and the grey level of its plastic (the white balance). */
export type FoundBody = Body & { white: number };

/** The largest region of light, nearly neutral pixels (white-balanced on the brightest), with its extents. */
export function findBody(plane: Plane): FoundBody | null {
  const region = largestLightRegion(plane, { level: 0.78, spread: 0.13, minShare: 0.02 });
  if (!region) return null;
  const { members: best, white: [wr, wg, wb], cx: mx, cy: my, xx, yy, xy } = region;
  const { width } = plane;
  const angle = 0.5 * Math.atan2(2 * xy, xx - yy);
  const ax = Math.cos(angle);
  const ay = Math.sin(angle);
  const along = new Float32Array(best.length);
  const across = new Float32Array(best.length);
  best.forEach((at, index) => {
    const dx = (at % width) - mx;
    const dy = Math.floor(at / width) - my;
    along[index] = dx * ax + dy * ay;
    across[index] = dx * ay - dy * ax;
  });
  const a0 = percentile(along, 0.005);
  const a1 = percentile(along, 0.995);
  const c0 = percentile(across, 0.01);
  const c1 = percentile(across, 0.99);
  const midA = (a0 + a1) / 2;
  const midC = (c0 + c1) / 2;
  return { cx: mx + midA * ax + midC * ay, cy: my + midA * ay - midC * ax, ax, ay, length: a1 - a0 + 1, width: c1 - c0 + 1, white: 0.299 * wr + 0.587 * wg + 0.114 * wb };
}

/**
 * Where the template's body lies in the plane: a body seen at a slant, its far end narrower (`keystone`)
 * and one long side shorter (`skew`), mapped projectively so the lines are foreshortened as they are.
 */
interface Pose extends Body {
  keystone: number;
  skew: number;
}

function corners(pose: Pose): [number, number][] {
  const halfL = pose.length / 2;
  const halfW = pose.width / 2;
  const k = pose.keystone / 2;
  const s = pose.skew / 2;
  const at = (u: number, v: number): [number, number] => [pose.cx + u * pose.ax + v * pose.ay, pose.cy + u * pose.ay - v * pose.ax];
  // Corners of (across, along) = (0,0), (1,0), (1,1), (0,1).
  return [at(-halfL * (1 - s), -halfW * (1 - k)), at(-halfL * (1 + s), halfW * (1 - k)), at(halfL * (1 + s), halfW * (1 + k)), at(halfL * (1 - s), -halfW * (1 + k))];
}

/** The map from (along, across) shares of the body to plane pixels at a pose. */
export function placer(pose: Pose): (along: number, across: number) => { x: number; y: number } {
  const [h0, h1, h2, h3, h4, h5, h6, h7] = squareToQuad(corners(pose)) as [number, number, number, number, number, number, number, number];
  return (along, across) => {
    const w = h6 * across + h7 * along + 1;
    return { x: (h0 * across + h1 * along + h2) / w, y: (h3 * across + h4 * along + h5) / w };
  };
}

/** Box sums of luma over the plane, for cell means in O(1). */
function lumaIntegral(plane: Plane): (x0: number, y0: number, x1: number, y1: number) => number {
  const { width, height, r, g, b } = plane;
  const stride = width + 1;
  const sums = new Float64Array(stride * (height + 1));
  for (let y = 0; y < height; y += 1) {
    let row = 0;
    for (let x = 0; x < width; x += 1) {
      const index = y * width + x;
      row += 0.299 * (r[index] ?? 0) + 0.587 * (g[index] ?? 0) + 0.114 * (b[index] ?? 0);
      sums[(y + 1) * stride + x + 1] = (sums[y * stride + x + 1] ?? 0) + row;
    }
  }
  const clampX = (x: number) => Math.min(width, Math.max(0, Math.round(x)));
  const clampY = (y: number) => Math.min(height, Math.max(0, Math.round(y)));
  return (x0, y0, x1, y1) => {
    const xa = clampX(x0);
    const xb = Math.max(xa + 1, clampX(x1));
    const ya = clampY(y0);
    const yb = Math.max(ya + 1, clampY(y1));
    if (xb > width || yb > height) return -1;
    const at = (x: number, y: number) => sums[y * stride + x] ?? 0;
    return (at(xb, yb) - at(xa, yb) - at(xb, ya) + at(xa, ya)) / ((xb - xa) * (yb - ya));
  };
}

function correlation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  // A cell of b below 0 lies off the picture.
  const sums = pairSums(a, b, (_, vb) => vb >= 0);
  return sums.n < a.length * 0.8 ? 0 : pearson(sums);
}

/** The observed grid at a pose, cell by cell as the reference is laid out (along rows, across columns); -1 off the picture. */
function observedCells(box: ReturnType<typeof lumaIntegral>, pose: Pose): Float32Array {
  const { along, across } = referenceGrid;
  const cells = new Float32Array(along * across);
  const half = Math.max(0.5, Math.min(pose.length / along, pose.width / across) / 2);
  const place = placer(pose);
  for (let i = 0; i < along; i += 1) {
    for (let j = 0; j < across; j += 1) {
      const { x, y } = place((i + 0.5) / along, (j + 0.5) / across);
      cells[i * across + j] = box(x - half, y - half, x + half, y + half);
    }
  }
  return cells;
}

/** The pose that best fits the reference, climbed from a start. */
function climb(reference: Uint8Array, box: ReturnType<typeof lumaIntegral>, start: Pose): { pose: Pose; fit: number } {
  let pose = start;
  let fit = correlation(reference, observedCells(box, pose));
  let step = 0.04;
  while (step >= 0.004) {
    let moved = false;
    const trials: Pose[] = [];
    for (const sign of [1, -1]) {
      const d = sign * step;
      trials.push(
        { ...pose, cx: pose.cx + d * pose.length * pose.ax, cy: pose.cy + d * pose.length * pose.ay },
        { ...pose, cx: pose.cx + d * pose.width * pose.ay, cy: pose.cy - d * pose.width * pose.ax },
        { ...pose, ax: Math.cos(Math.atan2(pose.ay, pose.ax) + d), ay: Math.sin(Math.atan2(pose.ay, pose.ax) + d) },
        { ...pose, length: pose.length * (1 + d) },
        { ...pose, width: pose.width * (1 + d) },
        { ...pose, keystone: pose.keystone + d * 2 },
        { ...pose, skew: pose.skew + d },
      );
    }
    for (const trial of trials) {
      const value = correlation(reference, observedCells(box, trial));
      if (value > fit) {
        fit = value;
        pose = trial;
        moved = true;
      }
    }
    if (!moved) step /= 2;
  }
  return { pose, fit };
}

/** The photo registered to a template: the pose of the better end, or why not. */
export function register(plane: Plane, template: CassetteTemplate, body: Body): { pose: Pose; fit: number } | { reason: StripReason; detail?: string } {
  const aspect = body.width / body.length;
  if (aspect < template.aspect * 0.6 || aspect > template.aspect * 1.6) return { reason: 'cassette-shape', detail: `cassette shape ${aspect.toFixed(2)}, this kit's is ${template.aspect.toFixed(2)}` };
  const reference = referenceCells(template);
  if (reference.length !== referenceGrid.along * referenceGrid.across) return { reason: 'no-reference', detail: 'the kit has no reference picture' };
  const box = lumaIntegral(plane);
  const fits = [1, -1].map((sign) => climb(reference, box, { ...body, ax: body.ax * sign, ay: body.ay * sign, width: body.length * template.aspect, keystone: 0, skew: 0 }));
  const [first, second] = fits.sort((a, b) => b.fit - a.fit) as [{ pose: Pose; fit: number }, { pose: Pose; fit: number }];
  if (first.fit < kitThresholds.fit) return { reason: 'not-this-kit', detail: `does not look like this kit (fit ${first.fit.toFixed(2)})` };
  if (first.fit - second.fit < kitThresholds.fitMargin) return { reason: 'well-end', detail: `cannot tell which end is the well (fits ${first.fit.toFixed(2)}, ${second.fit.toFixed(2)})` };
  return first;
}

/**
 * The window's profile along its length (shares of the body), each step the mean colour across the middle
 * of the window. `from` → `to` may run either way.
 */
function windowProfile(plane: Plane, pose: Pose, along: readonly [number, number], across: readonly [number, number], steps: number) {
  const sample = sampler(plane);
  const place = placer(pose);
  const profile: { at: number; r: number; g: number; b: number }[] = [];
  for (let step = 0; step < steps; step += 1) {
    const at = along[0] + ((along[1] - along[0]) * step) / (steps - 1);
    let r = 0;
    let g = 0;
    let b = 0;
    const spots = 9;
    for (let k = 0; k < spots; k += 1) {
      const c = across[0] + ((across[1] - across[0]) * (0.2 + (0.6 * k) / (spots - 1)));
      const { x, y } = place(at, c);
      r += sample(plane.r, x, y) / spots;
      g += sample(plane.g, x, y) / spots;
      b += sample(plane.b, x, y) / spots;
    }
    profile.push({ at, r, g, b });
  }
  return profile;
}

/**
 * How much each step is a line: darker than the membrane on both sides `gap` away (a top-hat, so a smooth
 * shadow is not a line), or more coloured than it, whichever says more; in shares of the membrane.
 */
function lineness(profile: { at: number; r: number; g: number; b: number }[], gap: number): number[] {
  const stepShare = Math.abs((profile[1]?.at ?? 1) - (profile[0]?.at ?? 0)) || 1;
  const reach = Math.max(2, Math.round(gap / stepShare));
  return profile.map((point, index) => {
    const side = (offset: number) => profile[Math.min(profile.length - 1, Math.max(0, index + offset))] ?? point;
    const before = side(-reach);
    const after = side(reach);
    const bg = { r: Math.max((before.r + after.r) / 2, 1), g: Math.max((before.g + after.g) / 2, 1), b: Math.max((before.b + after.b) / 2, 1) };
    const drops = [1 - point.r / bg.r, 1 - point.g / bg.g, 1 - point.b / bg.b];
    const luma = 0.299 * (drops[0] ?? 0) + 0.587 * (drops[1] ?? 0) + 0.114 * (drops[2] ?? 0);
    const chroma = Math.max(...drops) - Math.min(...drops);
    // Both sides must be lighter, so the edge of a shadow (dark on one side only) is not a line.
    const beforeL = 0.299 * before.r + 0.587 * before.g + 0.114 * before.b;
    const afterL = 0.299 * after.r + 0.587 * after.g + 0.114 * after.b;
    const hereL = 0.299 * point.r + 0.587 * point.g + 0.114 * point.b;
    const oneSided = Math.min(beforeL, afterL) < hereL;
    return Math.max(0, oneSided ? Math.min(luma, chroma) : Math.max(luma, chroma));
  });
}

/** Each step's drop in red, green and blue below the membrane `gap` to both sides, in shares of it. */
function colourDrops(profile: { at: number; r: number; g: number; b: number }[], gap: number): number[][] {
  const stepShare = Math.abs((profile[1]?.at ?? 1) - (profile[0]?.at ?? 0)) || 1;
  const reach = Math.max(2, Math.round(gap / stepShare));
  return profile.map((point, index) => {
    const before = profile[Math.max(0, index - reach)] ?? point;
    const after = profile[Math.min(profile.length - 1, index + reach)] ?? point;
    return (['r', 'g', 'b'] as const).map((channel) => 1 - point[channel] / Math.max(1, (before[channel] + after[channel]) / 2));
  });
}

function decide(control: number, test: number, stray: number, t = kitThresholds): StripResult {
  if (stray > Math.max(t.stray, 0.6 * Math.max(control, test))) return unreadable('stray-colour', 'colour outside the lines', control, test);
  // No C line is an invalid test whatever T shows (the kits' instructions); T without C is said for the reviewer.
  if (control < t.controlPresent) return test < t.testAbsent ? { result: 'invalid', control, test } : { result: 'invalid', control, test, reason: 't-without-c', detail: 'T without C' };
  if (test >= t.testPresent) return { result: 'positive', control, test };
  if (test <= t.testAbsent) return { result: 'negative', control, test };
  return unreadable('faint-t', 'faint T line', control, test);
}

/** Reads the lines where the template puts them, on a registered photo. */
export function readLines(plane: Plane, pose: Pose, template: CassetteTemplate): StripResult {
  const { along, across } = template.window;
  const inset = (along[1] - along[0]) * 0.04;
  const profile = windowProfile(plane, pose, [along[0] + inset, along[1] - inset], across, 96);
  const ordered = [...template.lines].sort((a, b) => a.along - b.along);
  const spacing = Math.min(...ordered.slice(1).map((line, index) => line.along - (ordered[index]?.along ?? 0)));
  const gap = Math.min(0.022, spacing * 0.45);
  // Smoothed over three steps (a line is wider than one), so the most of a search window is less of the noise.
  const raw = lineness(profile, gap);
  const values = raw.map((value, index) => ((raw[index - 1] ?? value) + value + (raw[index + 1] ?? value)) / 3);
  const search = spacing * 0.22;
  const strengthAt = (centre: number) => Math.max(0, ...values.filter((_, index) => Math.abs((profile[index]?.at ?? 0) - centre) <= search));
  const control = Math.max(0, ...template.lines.filter((line) => line.role === 'control').map((line) => strengthAt(line.along)));
  let test = Math.max(0, ...template.lines.filter((line) => line.role === 'test').map((line) => strengthAt(line.along)));
  // A kit's T line is of C's dye: measured along C's colour, a faint T stands out of the noise, which has no one colour.
  const controlLine = template.lines.find((line) => line.role === 'control');
  if (controlLine && control >= kitThresholds.controlPresent) {
    const drops = colourDrops(profile, gap);
    let best = 0;
    let direction = [0, 0, 0];
    drops.forEach((drop, index) => {
      if (Math.abs((profile[index]?.at ?? 0) - controlLine.along) > search) return;
      const size = Math.hypot(...drop);
      if (size > best) [best, direction] = [size, drop.map((value) => value / size)];
    });
    const luma = 0.299 * (direction[0] ?? 0) + 0.587 * (direction[1] ?? 0) + 0.114 * (direction[2] ?? 0);
    if (best > 0 && luma > 0) {
      const along = (drop: number[]) => (drop[0] ?? 0) * (direction[0] ?? 0) + (drop[1] ?? 0) * (direction[1] ?? 0) + (drop[2] ?? 0) * (direction[2] ?? 0);
      // On the scale of a line's darkening, as the other strengths.
      test = Math.max(0, ...drops.filter((_, index) => template.lines.some((line) => line.role === 'test' && Math.abs((profile[index]?.at ?? 0) - line.along) <= search)).map((drop) => along(drop) * luma));
    }
  }
  let stray = 0;
  let strayAt = 0;
  values.forEach((value, index) => {
    const at = profile[index]?.at ?? 0;
    // The window's ends are the recess's rim, in shadow, not membrane.
    const inside = at > along[0] + inset * 2.5 && at < along[1] - inset * 2.5;
    if (value > stray && inside && template.lines.every((line) => Math.abs(at - line.along) > search * 1.6)) [stray, strayAt] = [value, at];
  });
  const read = decide(control, test, stray);
  return read.reason === 'stray-colour' ? { ...read, detail: `colour outside the lines (${stray.toFixed(3)} at ${strayAt.toFixed(3)})` } : read;
}

/**
 * The generic reading, for a kit without a template. The lines are looked for along the middle of the
 * body (every make here has its window there); a line must be coloured, not only dark, and span the
 * window's width, so print beside it is no line. The well is the end whose middle is a recess (darker in
 * the middle than at its sides, smoothly). C is the line farther from the well; a single line is C only
 * when it lies in the half of its window (the light membrane around it) farther from the well.
 */
export function readWithoutTemplate(plane: Plane, body: Body & { white: number }): StripResult {
  const aspect = body.width / body.length;
  if (aspect < 0.12 || aspect > 0.55) return unreadable('cassette-shape', `cassette shape ${aspect.toFixed(2)}`);
  const pose: Pose = { cx: body.cx, cy: body.cy, ax: body.ax, ay: body.ay, length: body.length, width: body.width, keystone: 0, skew: 0 };
  const sample = sampler(plane);
  const place = placer(pose);
  const luma = (along: number, across: number) => {
    const { x, y } = place(along, across);
    return 0.299 * sample(plane.r, x, y) + 0.587 * sample(plane.g, x, y) + 0.114 * sample(plane.b, x, y);
  };
  // The well: a recess is darker in its middle than at its sides, over a stretch at one end.
  const wellSignal = (end: 0 | 1) => {
    let sum = 0;
    for (let at = 0.06; at <= 0.3; at += 0.02) {
      const along = end === 1 ? 1 - at : at;
      sum += (luma(along, 0.2) + luma(along, 0.8)) / 2 - luma(along, 0.5);
    }
    return sum;
  };
  const nearEnd = wellSignal(1);
  const farEnd = wellSignal(0);
  if (Math.abs(nearEnd - farEnd) < 25) return unreadable('well-end', 'cannot tell which end is the well');
  const wellEnd = nearEnd > farEnd ? 1 : 0;
  // Lines: coloured top-hats in two bands across the middle, which must agree (a line spans the window).
  const steps = 220;
  const along: readonly [number, number] = [0.08, 0.92];
  const gap = 0.016;
  const profiles = [0.44, 0.56].map((centre) => windowProfile(plane, pose, along, [centre - 0.04, centre + 0.04], steps));
  const colour = profiles.map((profile) => chromaTopHat(profile, gap));
  const both = (colour[0] ?? []).map((value, index) => Math.min(value, colour[1]?.[index] ?? 0));
  const at = (index: number) => along[0] + ((along[1] - along[0]) * index) / (steps - 1);
  const peaks: { at: number; strength: number }[] = [];
  for (let index = 1; index < steps - 1; index += 1) {
    const value = both[index] ?? 0;
    if (value < kitThresholds.controlPresent * 0.6 || value < (both[index - 1] ?? 0) || value < (both[index + 1] ?? 0)) continue;
    // A line lies on the light membrane; print on the body has dark ink around it as well.
    const point = profiles[0]?.[Math.max(0, index - 6)];
    const after = profiles[0]?.[Math.min(steps - 1, index + 6)];
    const membrane = Math.min(point ? point.r + point.g + point.b : 0, after ? after.r + after.g + after.b : 0) / 3;
    if (membrane < body.white * 0.7) continue;
    if (peaks.some((peak) => Math.abs(peak.at - at(index)) < gap * 1.5)) continue;
    peaks.push({ at: at(index), strength: value });
  }
  if (peaks.length === 0) return unreadable('no-line', 'no template, and no line found');
  if (peaks.length > 3) return unreadable('clutter', 'no template, and colour in the way of the lines');
  const fromWell = (point: number) => (wellEnd === 1 ? 1 - point : point);
  const ordered = [...peaks].sort((a, b) => fromWell(b.at) - fromWell(a.at));
  const control = ordered[0] as { at: number; strength: number };
  const spread = Math.abs(control.at - (ordered[ordered.length - 1]?.at ?? control.at));
  if (ordered.length >= 2 && (spread < 0.03 || spread > 0.16)) return unreadable('marks-apart', 'no template, and marks too far apart to be lines');
  if (ordered.length >= 2) {
    const test = Math.max(...ordered.slice(1).map((peak) => peak.strength));
    return test >= kitThresholds.testPresent ? { result: 'positive', control: control.strength, test } : unreadable('faint-t', 'faint T line', control.strength, test);
  }
  // One line could be C alone (negative) or T alone (invalid): without the window's plan that would be a guess.
  return unreadable('one-line', 'no template, and one line: C cannot be told from T', control.strength, null);
}

/** How much more coloured each step is than the membrane `gap` to both sides: the generic reading's line test. */
function chromaTopHat(profile: { at: number; r: number; g: number; b: number }[], gap: number): number[] {
  const stepShare = Math.abs((profile[1]?.at ?? 1) - (profile[0]?.at ?? 0)) || 1;
  const reach = Math.max(2, Math.round(gap / stepShare));
  const chroma = (point: { r: number; g: number; b: number }) => {
    const mean = (point.r + point.g + point.b) / 3 || 1;
    return (Math.max(point.r, point.g, point.b) - Math.min(point.r, point.g, point.b)) / mean;
  };
  return profile.map((point, index) => {
    const before = profile[Math.max(0, index - reach)] ?? point;
    const after = profile[Math.min(profile.length - 1, index + reach)] ?? point;
    return Math.max(0, chroma(point) - Math.max(chroma(before), chroma(after)));
  });
}
