/**
 * The functions a V8 CPU profile spent most time in, by self time and by total time (self and callees):
 * what to look at first in a benchmark's profile (scripts/bench/cpu-profile-hook.mjs).
 *
 *   npx tsx scripts/bench/profile-top.ts server-123.cpuprofile [rows]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, rowsArgument] = process.argv.slice(2);
if (!file) throw new Error('usage: profile-top.ts <file.cpuprofile> [rows]');
const rows = Number(rowsArgument ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
const label = (node: ProfileNode) => `${node.callFrame.functionName || '(anonymous)'} ${node.callFrame.url.replace(/^.*\/(node_modules\/)?/, '')}:${node.callFrame.lineNumber + 1}`;

const self = new Map<string, number>();
const total = new Map<string, number>();
let all = 0;
profile.samples.forEach((id, index) => {
  const ms = (profile.timeDeltas[index] ?? 0) / 1000;
  all += ms;
  const node = byId.get(id);
  if (!node) return;
  self.set(label(node), (self.get(label(node)) ?? 0) + ms);
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const name = label(byId.get(at) as ProfileNode);
    if (!seen.has(name)) total.set(name, (total.get(name) ?? 0) + ms);
    seen.add(name);
  }
});
const show = (title: string, table: Map<string, number>) => {
  console.log(`\n${title} (of ${(all / 1000).toFixed(1)} s sampled)`);
  for (const [name, ms] of [...table].sort((a, b) => b[1] - a[1]).slice(0, rows)) console.log(`${((ms / all) * 100).toFixed(1).padStart(5)} %  ${name}`);
};
show('self time', self);
show('total time', total);
