/**
 * What grew between two V8 heap snapshots (as DevTools or `bench:kiosk --heap-snapshots` writes them): objects
 * counted and sized by type and constructor name, the largest growth first. A leak shows as a name whose count
 * rises with the visits a soak made.
 *
 *   npx tsx scripts/bench/heap-diff.ts before.heapsnapshot after.heapsnapshot [rows]
 */
import { readFileSync } from 'node:fs';

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

interface Tally {
  count: number;
  bytes: number;
}

function tally(path: string): Map<string, Tally> {
  const heap = JSON.parse(readFileSync(path, 'utf8')) as Snapshot;
  const fields = heap.snapshot.meta.node_fields;
  const [typeNames] = heap.snapshot.meta.node_types;
  const stride = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const byKey = new Map<string, Tally>();
  for (let at = 0; at < heap.nodes.length; at += stride) {
    const type = typeNames[heap.nodes[at + typeAt] ?? 0] ?? '?';
    const rawName = heap.strings[heap.nodes[at + nameAt] ?? 0] ?? '';
    // Strings and code are named by their contents: one bucket per type says enough of them.
    const name = type === 'object' || type === 'closure' || type === 'native' ? rawName.slice(0, 60) : '';
    const key = `${type} ${name}`;
    const entry = byKey.get(key) ?? { count: 0, bytes: 0 };
    entry.count += 1;
    entry.bytes += heap.nodes[at + sizeAt] ?? 0;
    byKey.set(key, entry);
  }
  return byKey;
}

const [beforePath, afterPath, rowsArgument] = process.argv.slice(2);
if (!beforePath || !afterPath) {
  console.error('usage: tsx scripts/bench/heap-diff.ts before.heapsnapshot after.heapsnapshot [rows]');
  process.exit(2);
}
const before = tally(beforePath);
const after = tally(afterPath);
const rows = [...after].map(([key, { count, bytes }]) => {
  const earlier = before.get(key) ?? { count: 0, bytes: 0 };
  return { key, count: count - earlier.count, bytes: bytes - earlier.bytes };
});
rows.sort((a, b) => b.bytes - a.bytes);
console.log('growth (bytes)  growth (count)  type and constructor');
for (const row of rows.slice(0, Number(rowsArgument ?? 30))) {
  console.log(`${String(row.bytes).padStart(14)}  ${String(row.count).padStart(14)}  ${row.key}`);
}
