/**
 * When the cassette camera takes the photo by itself: the strip reader has found the cassette and its
 * window in the last few frames, whole, big enough to read, and in the same place for a moment (a
 * hand still moving blurs the lines). Pure: the camera component feeds it what each frame showed.
 */
import type { Cassette } from '../../../core/antigen/strip-reader.ts';

/** What one analysed frame showed: the cassette in the frame's pixels, or null when none was found. */
export interface Sighting {
  at: number;
  frame: { width: number; height: number };
  cassette: Cassette | null;
}

export type Framing =
  /** No cassette (or none whose window can be found) in the last frame. */
  | 'searching'
  /** Found but small: the lines would be too thin to read. */
  | 'closer'
  /** Found but cut by the frame's edge. */
  | 'inside'
  /** Found and framed; waiting for it to keep still. */
  | 'hold'
  /** Found, framed and still: take the photo. */
  | 'steady';

export const framingRule = {
  /** The cassette's length as a share of the frame's longer side, at least. */
  minLength: 0.4,
  /** Its corners keep this share of the frame away from the edges. */
  margin: 0.01,
  /** Frames in a row, and the time they span, that must agree. */
  frames: 3,
  spanMs: 600,
  /** How far the centre may move between agreeing frames (share of the frame's longer side), and the length change. */
  maxShift: 0.03,
  maxResize: 0.06,
} as const;

type Rule = typeof framingRule;

function corners({ cx, cy, ax, ay, length, width }: Cassette): [number, number][] {
  const along = [ax * length * 0.5, ay * length * 0.5];
  const across = [-ay * width * 0.5, ax * width * 0.5];
  return [1, -1].flatMap((a) => [1, -1].map((b): [number, number] => [cx + a * (along[0] ?? 0) + b * (across[0] ?? 0), cy + a * (along[1] ?? 0) + b * (across[1] ?? 0)]));
}

function placement(sighting: Sighting, rule: Rule): Framing | null {
  const { cassette, frame } = sighting;
  if (!cassette) return 'searching';
  const side = Math.max(frame.width, frame.height);
  if (cassette.length < rule.minLength * side) return 'closer';
  const margin = rule.margin * side;
  const cut = corners(cassette).some(([x, y]) => x < margin || y < margin || x > frame.width - margin || y > frame.height - margin);
  return cut ? 'inside' : null;
}

function sameSpot(a: Cassette, b: Cassette, side: number, rule: Rule): boolean {
  return Math.hypot(a.cx - b.cx, a.cy - b.cy) <= rule.maxShift * side && Math.abs(a.length - b.length) <= rule.maxResize * Math.max(a.length, b.length);
}

/** What the newest frames (oldest first) say: take the photo when 'steady'. */
export function judgeFraming(sightings: readonly Sighting[], rule: Rule = framingRule): Framing {
  const latest = sightings.at(-1);
  if (!latest) return 'searching';
  const problem = placement(latest, rule);
  if (problem || !latest.cassette) return problem ?? 'searching';
  const side = Math.max(latest.frame.width, latest.frame.height);
  let agreeing = 0;
  let since = latest.at;
  for (let index = sightings.length - 1; index >= 0; index -= 1) {
    const sighting = sightings[index];
    if (!sighting?.cassette || placement(sighting, rule) || !sameSpot(sighting.cassette, latest.cassette, side, rule)) break;
    agreeing += 1;
    since = sighting.at;
  }
  return agreeing >= rule.frames && latest.at - since >= rule.spanMs ? 'steady' : 'hold';
}

/** The sightings kept for judging: the newest `keep`, after `sighting`. */
export function addSighting(sightings: readonly Sighting[], sighting: Sighting, keep = 12): Sighting[] {
  return [...sightings, sighting].slice(-keep);
}
