import { describe, expect, it } from 'vitest';
import { randomScene, renderCassette } from '../../testing/images/cassette-fixture.ts';
import { findCassetteWindow, readStrip, type StripReading } from './strip-reader.ts';
import { kitTemplates } from './kit-templates.ts';

const seeds = [11, 12, 13, 14, 15, 16];
const generated = kitTemplates.generated;
const readAll = (lines: { control: number; test: number }, template: typeof generated | null = generated) =>
  seeds.map((seed) => readStrip(renderCassette(randomScene(seed, { width: 480, height: 640, lines, blur: 1 })), template ?? undefined).result);
const count = (readings: StripReading[], reading: StripReading) => readings.filter((value) => value === reading).length;

// Drawing a photo is slow on a busy machine; the time limit is not what is tested.
describe('the strip reader', { timeout: 120_000 }, () => {
  it('reads a clear C line and no T as negative', () => {
    const readings = readAll({ control: 1, test: 0 });
    expect(count(readings, 'negative')).toBeGreaterThanOrEqual(5);
    expect(readings.every((value) => value === 'negative' || value === 'unreadable')).toBe(true);
  });

  it('reads a strong and a medium T line as positive', () => {
    for (const test of [1, 0.3]) {
      const readings = readAll({ control: 1, test });
      expect(count(readings, 'positive')).toBeGreaterThanOrEqual(5);
      expect(readings.every((value) => value === 'positive' || value === 'unreadable')).toBe(true);
    }
  });

  it('never reads a faint T line as negative: positive or "cannot read"', () => {
    for (const test of [0.03, 0.05, 0.08]) {
      const readings = readAll({ control: 1, test });
      expect(count(readings, 'negative')).toBe(0);
      expect(readings.every((value) => value === 'positive' || value === 'unreadable')).toBe(true);
    }
  });

  it('reads a window without a C line as invalid, never as a result', () => {
    const empty = readAll({ control: 0, test: 0 });
    expect(count(empty, 'invalid')).toBeGreaterThanOrEqual(5);
    for (const test of [0, 0.6]) {
      expect(readAll({ control: 0, test }).every((value) => value === 'invalid' || value === 'unreadable')).toBe(true);
    }
  });

  it('without the kit\'s template never reads a negative: one line could be C or T', () => {
    expect(readAll({ control: 1, test: 0 }, null).every((value) => value === 'unreadable')).toBe(true);
    for (const test of [0.03, 0.08]) expect(readAll({ control: 1, test }, null).every((value) => value === 'positive' || value === 'unreadable')).toBe(true);
  });

  it('says it cannot read a picture without a cassette', () => {
    const blank = { width: 200, height: 300, data: new Uint8ClampedArray(200 * 300 * 4).fill(90) };
    expect(readStrip(blank, generated).result).toBe('unreadable');
    expect(readStrip(blank).result).toBe('unreadable');
  });

  it('finds the cassette and its window for a live frame where it lies, and nothing in an empty frame or a barcode', () => {
    const scene = randomScene(21, { width: 240, height: 320, lines: { control: 1, test: 0 }, blur: 0 });
    const found = findCassetteWindow(renderCassette(scene));
    expect(found).not.toBeNull();
    expect(Math.abs((found?.cx ?? 0) - scene.cassette.cx * 240)).toBeLessThan(240 * 0.08);
    expect(Math.abs((found?.cy ?? 0) - scene.cassette.cy * 320)).toBeLessThan(320 * 0.08);
    expect((found?.length ?? 0) / (scene.cassette.length * 320)).toBeGreaterThan(0.8);
    expect(findCassetteWindow({ width: 200, height: 300, data: new Uint8ClampedArray(200 * 300 * 4).fill(90) })).toBeNull();
    // A white label with a dark square in the middle, like a kit's DataMatrix on its pouch: light, but no cassette's shape or well.
    const label = new Uint8ClampedArray(240 * 320 * 4).fill(150);
    for (let y = 60; y < 260; y += 1) {
      for (let x = 20; x < 220; x += 1) label.fill(x > 70 && x < 170 && y > 110 && y < 210 && (x + y) % 20 < 10 ? 20 : 235, (y * 240 + x) * 4, (y * 240 + x) * 4 + 3);
    }
    expect(findCassetteWindow({ width: 240, height: 320, data: label })).toBeNull();
  });
});
