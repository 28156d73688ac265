/**
 * Reads an antigen cassette photo as a second opinion on what the citizen declared: finds the cassette,
 * registers it to the scanned kit's template and reads the control (C) and test (T) lines in its window
 * (kit-reader.ts; without a template, the generic reading). No C line → invalid; a T line → positive; a
 * clear C and no trace of T → negative. Anything it is not sure of is "unreadable", never a guess: a faint
 * T line between "clearly there" and "clearly not" is unreadable rather than negative. Pure, on RGBA
 * pixels, so the browser and the server read alike.
 *
 * findCassetteWindow, the live camera's check that a frame holds a cassette, still looks for the common
 * layout (a long light body, a recessed well at one end).
 */
import type { Raster } from './raster.ts';
import type { CassetteTemplate, StripReason } from '../contract/antigen.ts';
import { findBody, kitThresholds, readLines, readWithoutTemplate, register, unreadable, type StripResult } from './kit-reader.ts';
import { percentile, sampler, shrink, type Plane } from './plane.ts';

export type { StripReading, StripResult } from './kit-reader.ts';

/** The shapes the live camera takes for a cassette (width / length). */
const layout = {
  // From 1:5.5 (the narrowest real kit here) to the widest generated one.
  aspect: { min: 0.15, max: 0.45 },
} as const;

/** Strengths (see StripResult) that decide. Between testAbsent and testPresent the reader will not say. */
export const stripThresholds = kitThresholds;

/** Where a cassette lies: centre, unit axis along it, length and width. */
export interface Cassette {
  cx: number;
  cy: number;
  ax: number;
  ay: number;
  length: number;
  width: number;
}

/** The cassette: the largest connected region of light, nearly neutral pixels, as centre, axis and size. */
function findCassette(plane: Plane): Cassette | null {
  const { width, height, r, g, b } = plane;
  const total = width * height;
  const luma = new Float32Array(total);
  for (let index = 0; index < total; index += 1) luma[index] = 0.299 * (r[index] ?? 0) + 0.587 * (g[index] ?? 0) + 0.114 * (b[index] ?? 0);
  // White balance on the brightest pixels, which on a photo of a cassette are its white plastic.
  const bright = percentile(luma, 0.97);
  let wr = 0;
  let wg = 0;
  let wb = 0;
  let count = 0;
  for (let index = 0; index < total; index += 1) {
    if ((luma[index] ?? 0) < bright) continue;
    wr += r[index] ?? 0;
    wg += g[index] ?? 0;
    wb += b[index] ?? 0;
    count += 1;
  }
  if (count === 0 || bright < 40) return null;
  const white = [wr / count, wg / count, wb / count] as const;
  const mask = new Uint8Array(total);
  for (let index = 0; index < total; index += 1) {
    const nr = (r[index] ?? 0) / white[0];
    const ng = (g[index] ?? 0) / white[1];
    const nb = (b[index] ?? 0) / white[2];
    const level = (nr + ng + nb) / 3;
    const spread = Math.max(nr, ng, nb) - Math.min(nr, ng, nb);
    if (level > 0.8 && spread < 0.12) mask[index] = 1;
  }
  // Largest 4-connected component.
  const label = new Int32Array(total).fill(-1);
  let best: number[] = [];
  const stack: number[] = [];
  for (let start = 0; start < total; start += 1) {
    if (!mask[start] || (label[start] ?? -1) >= 0) continue;
    const members: number[] = [];
    stack.push(start);
    label[start] = start;
    while (stack.length > 0) {
      const at = stack.pop() ?? 0;
      members.push(at);
      const x = at % width;
      const neighbours = [x > 0 ? at - 1 : -1, x < width - 1 ? at + 1 : -1, at - width, at + width];
      for (const next of neighbours) {
        if (next < 0 || next >= total || !mask[next] || (label[next] ?? -1) >= 0) continue;
        label[next] = start;
        stack.push(next);
      }
    }
    if (members.length > best.length) best = members;
  }
  if (best.length < total * 0.03) return null;
  let sx = 0;
  let sy = 0;
  for (const at of best) {
    sx += at % width;
    sy += Math.floor(at / width);
  }
  const cx = sx / best.length;
  const cy = sy / best.length;
  let xx = 0;
  let yy = 0;
  let xy = 0;
  for (const at of best) {
    const dx = (at % width) - cx;
    const dy = Math.floor(at / width) - cy;
    xx += dx * dx;
    yy += dy * dy;
    xy += dx * dy;
  }
  xx /= best.length;
  yy /= best.length;
  xy /= best.length;
  const mean = (xx + yy) / 2;
  const root = Math.sqrt(((xx - yy) / 2) ** 2 + xy * xy);
  const major = mean + root;
  const minor = Math.max(0, mean - root);
  const angle = 0.5 * Math.atan2(2 * xy, xx - yy);
  // A uniform bar of length L has variance L²/12 along it.
  return { cx, cy, ax: Math.cos(angle), ay: Math.sin(angle), length: Math.sqrt(12 * major), width: Math.sqrt(12 * minor) };
}

/** Where the cassette lies in a picture, in its pixels: centre, unit axis along it, length and width; null when none is found. */
export function locateCassette(raster: Raster): Cassette | null {
  const plane = shrink(raster, 360);
  const found = findCassette(plane);
  return found && inPixels(found, raster, plane);
}

/** A cassette found on the shrunk plane, in the picture's own pixels. */
function inPixels(found: Cassette, raster: Raster, plane: Plane): Cassette {
  const scale = raster.width / plane.width;
  return { ...found, cx: (found.cx + 0.5) * scale, cy: (found.cy + 0.5) * scale, length: found.length * scale, width: found.width * scale };
}

/**
 * The cassette and which end holds its well, so where its window lies: what the reader needs before it
 * reads any line. `sign` is +1 when the well lies along +axis.
 */
function findWindow(plane: Plane): { cassette: Cassette; sign: 1 | -1 } | { reason: StripReason; detail?: string } {
  const cassette = findCassette(plane);
  if (!cassette) return { reason: 'no-cassette' };
  const aspect = cassette.width / cassette.length;
  if (aspect < layout.aspect.min || aspect > layout.aspect.max) return { reason: 'cassette-shape', detail: `cassette shape ${aspect.toFixed(2)}` };
  const sample = sampler(plane);
  const luma = (u: number, v: number) => {
    const x = cassette.cx + (u * cassette.ax - v * cassette.ay) * cassette.length;
    const y = cassette.cy + (u * cassette.ay + v * cassette.ax) * cassette.length;
    return 0.299 * sample(plane.r, x, y) + 0.587 * sample(plane.g, x, y) + 0.114 * sample(plane.b, x, y);
  };
  // Which end holds the sample well: there the middle of the body is darker than its sides.
  const wellSignal = (sign: number) => {
    let sum = 0;
    for (let u = 0.2; u <= 0.36; u += 0.02) sum += (luma(sign * u, 0.11) + luma(sign * u, -0.11)) / 2 - luma(sign * u, 0);
    return sum;
  };
  if (Math.abs(wellSignal(1) - wellSignal(-1)) < 20) return { reason: 'well-end' };
  return { cassette, sign: wellSignal(1) >= wellSignal(-1) ? 1 : -1 };
}

/**
 * Where a cassette whose window the reader can find lies in a picture, in its pixels (as locateCassette);
 * null when there is none, it is not a cassette's shape or its well end cannot be told. For a live camera:
 * a frame where this is found is one the reader can read.
 */
export function findCassetteWindow(raster: Raster): Cassette | null {
  const plane = shrink(raster, 360);
  const found = findWindow(plane);
  return 'reason' in found ? null : inPixels(found.cassette, raster, plane);
}

/** The side the reader works at: the narrowest windows (1:5 kits) keep about 12 px across. */
const workingSide = 480;

/**
 * Reads a cassette photo: against the template of the kit scanned (kit-reader.ts) when there is one, by
 * the generic reading when not.
 */
export function readStrip(raster: Raster, template?: CassetteTemplate): StripResult {
  const plane = shrink(raster, workingSide);
  const body = findBody(plane);
  if (!body) return unreadable('no-cassette', 'no cassette found');
  if (!template) return readWithoutTemplate(plane, body);
  const registered = register(plane, template, body);
  if ('reason' in registered) return unreadable(registered.reason, registered.detail);
  return readLines(plane, registered.pose, template);
}

/**
 * Read against several templates (the approved kits', before the kit is scanned): the reading of those
 * that could read, when they agree; "unreadable" when none could or they disagree. No template: generic.
 */
export function readStripAgainst(raster: Raster, templates: readonly CassetteTemplate[]): StripResult {
  if (templates.length <= 1) return readStrip(raster, templates[0]);
  const readings = templates.map((template) => readStrip(raster, template)).filter((reading) => reading.result !== 'unreadable');
  const first = readings[0];
  if (!first) return unreadable('no-kit-matches', 'matches no approved kit');
  return readings.every((reading) => reading.result === first.result) ? first : unreadable('kits-disagree', `kits disagree: ${readings.map((reading) => reading.result).join(', ')}`);
}
