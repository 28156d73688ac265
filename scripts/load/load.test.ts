/**
 * The load and fault script in short, on both engines: 20 clients for 10 s, the node killed half-way
 * (SQLite: the only node, restarted; PostgreSQL: one of two). It asserts counts, never a speed.
 */
import { describe, expect, it } from 'vitest';
import { describeReport, runLoad } from './load.ts';

describe('check-in sync under load with a node killed mid-run', () => {
  it.each([
    { engine: 'sqlite', nodes: 1 },
    { engine: 'postgres', nodes: 2 },
  ] as const)('loses and duplicates nothing on $engine with $nodes node(s)', async ({ engine, nodes }) => {
    const report = await runLoad({ engine, nodes, clients: 20, seconds: 10, killOne: true });
    console.log(describeReport(report));
    expect(report.sent).toBeGreaterThan(0);
    expect(report.acknowledged).toBe(report.sent);
    expect(report.lost).toBe(0);
    expect(report.duplicated).toBe(0);
  }, 180_000);
});
