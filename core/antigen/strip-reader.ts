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
import { findBody, kitThresholds, readLines, readWithoutTemplate, register, unreadable, type Body, type StripResult } from './kit-reader.ts';
import { largestLightRegion } from './light-region.ts';
import { sampler, shrink, type Plane } from './plane.ts';

export type { StripReading, StripResult } from './kit-reader.ts';

/** The shapes the live camera takes for a cassette (width / length). */
const layout = {
  // From 1:5.5 (the narrowest real kit here) to the widest generated one.
  aspect: { min: 0.15, max: 0.45 },
} as const;

/** Strengths (see StripResult) that decide. Between testAbsent and testPresent the reader will not say. */
export const stripThresholds = kitThresholds;

/** Where a cassette lies: centre, unit axis along it, length and width (as the template reader's body). */
export type Cassette = Body;

/** The cassette: the largest connected region of light, nearly neutral pixels, as centre, axis and size. */
function findCassette(plane: Plane): Cassette | null {
  const region = largestLightRegion(plane, { level: 0.8, spread: 0.12, minShare: 0.03 });
  if (!region) return null;
  const { cx, cy, xx, yy, xy } = region;
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
