import { describe, expect, it } from 'vitest';
import { addSighting, judgeFraming, type Sighting } from './cassette-framing.ts';

const frame = { width: 720, height: 960 };
/** An upright cassette (axis along y) centred at (cx, cy), `length` pixels long. */
const cassette = (cx = 360, cy = 480, length = 600) => ({ cx, cy, ax: 0, ay: 1, length, width: length * 0.32 });
const seen = (at: number, found: Sighting['cassette'] = cassette()): Sighting => ({ at, frame, cassette: found });

describe('judging when the cassette camera takes the photo', () => {
  it('takes it once the cassette has been found in the same place for three frames over 600 ms', () => {
    expect(judgeFraming([seen(0), seen(250), seen(500)])).toBe('hold');
    expect(judgeFraming([seen(0), seen(250), seen(600)])).toBe('steady');
    expect(judgeFraming([seen(0), seen(600)])).toBe('hold');
  });

  it('waits while it is searching, and starts counting again after a frame without the cassette', () => {
    expect(judgeFraming([])).toBe('searching');
    expect(judgeFraming([seen(0), seen(300), seen(600, null)])).toBe('searching');
    expect(judgeFraming([seen(0), seen(300, null), seen(600), seen(900)])).toBe('hold');
  });

  it('waits while the cassette moves more than a few per cent or changes size', () => {
    expect(judgeFraming([seen(0, cassette(360)), seen(300, cassette(400)), seen(600, cassette(440))])).toBe('hold');
    expect(judgeFraming([seen(0, cassette(360, 480, 520)), seen(300, cassette(360, 480, 600)), seen(600, cassette(360, 480, 600))])).toBe('hold');
    // Small hand tremor is still steady.
    expect(judgeFraming([seen(0, cassette(360)), seen(300, cassette(365, 484, 604)), seen(600, cassette(362, 478, 598))])).toBe('steady');
  });

  it('asks to come closer when the cassette is small, and to move it inside when the frame cuts it', () => {
    const small = cassette(360, 480, 300);
    expect(judgeFraming([seen(0, small), seen(300, small), seen(600, small)])).toBe('closer');
    const cut = cassette(360, 200, 600);
    expect(judgeFraming([seen(0, cut), seen(300, cut), seen(600, cut)])).toBe('inside');
    // Lying across the frame, tilted: a corner leaves it on the side.
    const tilted = { cx: 330, cy: 480, ax: Math.cos(0.2), ay: Math.sin(0.2), length: 680, width: 218 };
    expect(judgeFraming([seen(0, tilted), seen(300, tilted), seen(600, tilted)])).toBe('inside');
  });

  it('keeps only the newest sightings', () => {
    let sightings: Sighting[] = [];
    for (let at = 0; at < 20; at += 1) sightings = addSighting(sightings, seen(at * 100), 5);
    expect(sightings.map((sighting) => sighting.at)).toEqual([1500, 1600, 1700, 1800, 1900]);
  });
});
