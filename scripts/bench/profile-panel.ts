/**
 * `npm run profile:panel`: a CDP performance trace of the logged-in panel at 4× CPU slowdown on the phone
 * viewport, and what runs in it. Prints, for each start (offline from the service worker, and online with an
 * empty cache like Lighthouse's), the main thread's long tasks (> 50 ms) with what they evaluate, and the CPU
 * time by function and by source module, in the long tasks and up to the QR painted.
 *
 *   npx vite build --sourcemap && npm run profile:panel      maps code back to source modules
 *   npm run build && npm run profile:panel                   the same by built chunk only
 *   RUNS=3 TRACE_DIR=/tmp/traces npm run profile:panel       averages several starts; keeps each trace (open in DevTools)
 *   TASK_MS=10 npm run profile:panel                         lists every task of 10 ms or more, not only the long ones
 *   COLD=1 npm run profile:panel                             no warm-up page: each start in a new tab as bench.ts times it
 *                                                            (the profiler's own start then lands in the trace)
 *
 * Self times come from V8's sampling profiler and grow on a busy machine like every wall-clock figure: compare
 * modules within one run (the QR encoder, `core/qr/`, is the same code in every build, a yardstick of the load), and the bytes.
 * Figures are printed, never asserted.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { SourceMapConsumer, type RawSourceMap } from 'source-map-js';
import { phone } from '../../testing/browser/phone.ts';
import { distDir } from '../build/bundle-files.ts';
import { firstPanelVisit, qrPaintProbe, startPanelBenchApp } from './panel-bench-app.ts';

const runs = Number(process.env.RUNS ?? 1);
const traceDir = process.env.TRACE_DIR;
const cpuSlowdown = 4;
const longTaskMs = 50;
/** Tasks listed in the timeline: every long one by default; TASK_MS=10 shows the waterfall to the QR. */
const listedTaskMs = Number(process.env.TASK_MS ?? longTaskMs);
const cold = process.env.COLD === '1';

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  /** Thread (CPU) time of a complete event: what the thread ran, throttling included, without its waits for a core. */
  tdur?: number;
  id?: string;
  args?: { name?: string; data?: Record<string, unknown> };
}
interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  parent?: number;
}

const categories = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8.execute',
  'blink.user_timing',
  'disabled-by-default-v8.cpu_profiler',
].join(',');

async function trace(page: Page, url: string): Promise<{ events: TraceEvent[]; painted: number }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuSlowdown });
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...(value as unknown as TraceEvent[])));
  const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.start', { categories, transferMode: 'ReportEvents' });
  // Starting V8's sampling profiler walks the renderer's heap in one long task (half a second at 4×): a
  // same-origin page that runs no script takes it, so the panel's own tasks are measured alone.
  if (!cold) {
    await page.goto(new URL('/robots.txt', url).href);
    await page.waitForTimeout(1000);
  }
  await page.goto(url, { waitUntil: 'commit' });
  const painted = await page.evaluate(() => (window as unknown as { qrPainted: Promise<number> }).qrPainted);
  // Work deferred past the first paint (idle callbacks, sync, prefetch) belongs in the picture too.
  await page.waitForTimeout(3000);
  await cdp.send('Tracing.end');
  await complete;
  return { events, painted };
}

/** Source maps of the built chunks, where the build wrote them. */
const sourceMaps = new Map<string, SourceMapConsumer | null>();
function moduleOf(frame: CallFrame): string {
  const match = /\/(assets\/[^/?#]+\.js)/.exec(frame.url);
  if (!match?.[1]) return frame.url ? frame.url.replace(/^https?:\/\/[^/]+/, '') : `(${frame.functionName || 'native'})`;
  const file = match[1];
  if (!sourceMaps.has(file)) {
    const mapPath = join(distDir, `${file}.map`);
    sourceMaps.set(file, existsSync(mapPath) ? new SourceMapConsumer(JSON.parse(readFileSync(mapPath, 'utf8')) as RawSourceMap) : null);
  }
  const map = sourceMaps.get(file);
  const chunk = file.replace(/^assets\//, '').replace(/-[\w-]{8}\.js$/, '');
  if (!map) return `[${chunk}]`;
  const source = map.originalPositionFor({ line: frame.lineNumber + 1, column: frame.columnNumber }).source;
  if (!source) return `[${chunk}]:${frame.lineNumber + 1}:${frame.columnNumber}`;
  const nodeModule = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source);
  return `${nodeModule?.[1] ?? source.replace(/^(\.\.\/)+/, '')} [${chunk}]`;
}

interface Sample {
  ts: number;
  frame: CallFrame;
}

/** Long tasks and CPU samples of the page's main thread, from navigation start. */
function analyse(events: TraceEvent[], paintedMs: number) {
  const nodesByProfile = new Map<string, Map<number, ProfileNode>>();
  const startByProfile = new Map<string, number>();
  const threadOfProfile = new Map<string, string>();
  const samplesByThread = new Map<string, Sample[]>();
  for (const event of events) {
    const profileKey = `${event.pid}:${event.id}`;
    // Chunks come from the profiler's own thread: the Profile event names the thread sampled.
    if (event.name === 'Profile') {
      startByProfile.set(profileKey, Number(event.args?.data?.startTime));
      threadOfProfile.set(profileKey, `${event.pid}:${event.tid}`);
    }
    if (event.name !== 'ProfileChunk') continue;
    const key = threadOfProfile.get(profileKey) ?? `${event.pid}:${event.tid}`;
    const data = event.args?.data as { cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] }; timeDeltas?: number[] };
    const nodes = nodesByProfile.get(profileKey) ?? new Map<number, ProfileNode>();
    nodesByProfile.set(profileKey, nodes);
    for (const node of data.cpuProfile?.nodes ?? []) nodes.set(node.id, node);
    let ts = startByProfile.get(profileKey) ?? 0;
    const samples = samplesByThread.get(key) ?? [];
    samplesByThread.set(key, samples);
    (data.cpuProfile?.samples ?? []).forEach((nodeId, index) => {
      ts += data.timeDeltas?.[index] ?? 0;
      startByProfile.set(profileKey, ts);
      const frame = nodes.get(nodeId)?.callFrame;
      if (frame) samples.push({ ts, frame });
    });
  }
  // The page's renderer main thread is the one the probe marked; Chromium's own WebUI renderers are not.
  const mark = events.find((event) => event.name === 'qr-painted');
  if (!mark) throw new Error('No qr-painted mark in the trace: the QR was not painted');
  const main = `${mark.pid}:${mark.tid}`;
  const onMain = events.filter((event) => `${event.pid}:${event.tid}` === main);
  const samples = (samplesByThread.get(main) ?? []).sort((a, b) => a.ts - b.ts);
  const painted = mark.ts;
  // performance.now() at the mark is its time since navigation start, on the trace's clock the mark's ts.
  const navigationStart = painted - paintedMs * 1000;
  const tasks = onMain
    .filter((event) => event.ph === 'X' && event.ts >= navigationStart && (event.name === 'RunTask' || event.name === 'ThreadControllerImpl::RunTask') && (event.dur ?? 0) > listedTaskMs * 1000)
    .sort((a, b) => a.ts - b.ts);
  /** What a task evaluates: scripts compiled and run, and the top-level events in it (React's work is FunctionCall). */
  const inside = (task: TraceEvent) =>
    onMain.filter((event) => event.ph === 'X' && event.ts >= task.ts && event.ts < task.ts + (task.dur ?? 0) && event !== task);
  const topTasks = onMain.filter((event) => event.ph === 'X' && (event.name === 'RunTask' || event.name === 'ThreadControllerImpl::RunTask'));
  /** Thread time of the main thread's tasks from navigation start to `until`: leaves out the waits a loaded machine adds. */
  const cpuUntil = (until: number) =>
    topTasks.filter((event) => event.ts >= navigationStart && event.ts < until).reduce((sum, event) => sum + (event.tdur ?? 0), 0) / 1000;
  return { samples, navigationStart, painted, tasks, inside, cpuToPaint: cpuUntil(painted), cpuTotal: cpuUntil(Number.POSITIVE_INFINITY) };
}

type Tally = Map<string, number>;
const add = (tally: Tally, key: string, micros: number) => tally.set(key, (tally.get(key) ?? 0) + micros);
/** Self time of each sample: the gap to the next sample, capped so an idle gap is not counted as work. */
function selfTimes(samples: Sample[], from: number, to: number, byKey: (frame: CallFrame) => string | null): Tally {
  const tally: Tally = new Map();
  for (let index = 0; index < samples.length - 1; index++) {
    const sample = samples[index];
    const next = samples[index + 1];
    if (!sample || !next || sample.ts < from || sample.ts >= to) continue;
    const key = byKey(sample.frame);
    if (key !== null) add(tally, key, Math.min(next.ts - sample.ts, 2000));
  }
  return tally;
}
const idle = (frame: CallFrame) => frame.functionName === '(idle)' || frame.functionName === '(program)';
const byFunction = (frame: CallFrame) =>
  idle(frame) ? null : `${frame.functionName || '(anonymous)'} — ${moduleOf(frame)}${frame.url ? `:${frame.lineNumber + 1}` : ''}`;
const byModule = (frame: CallFrame) => (idle(frame) ? null : moduleOf(frame));

function merge(into: Tally, from: Tally) {
  for (const [key, value] of from) add(into, key, value);
}
function top(tally: Tally, count: number, runsCounted: number): string[] {
  return [...tally]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([key, micros]) => `  ${(micros / 1000 / runsCounted).toFixed(0).padStart(6)} ms  ${key}`);
}

function describeTask(task: TraceEvent, children: TraceEvent[], navigationStart: number): string {
  const parts: string[] = [];
  for (const event of children) {
    const data = event.args?.data ?? {};
    const url = typeof data.url === 'string' ? data.url.replace(/^https?:\/\/[^/]+\/(assets\/)?/, '') : '';
    const what =
      event.name === 'v8.evaluateModule' || event.name === 'EvaluateScript'
        ? `evaluate ${url}`
        : event.name === 'v8.compileModule' || event.name === 'v8.compile'
          ? `compile ${url}`
          : event.name === 'FunctionCall'
            ? `call ${typeof data.functionName === 'string' && data.functionName ? data.functionName : '(anonymous)'} ${url}`
            : ['Layout', 'UpdateLayoutTree', 'Paint', 'ParseHTML', 'MajorGC', 'MinorGC', 'V8.GC_SCAVENGER', 'TimerFire', 'FireAnimationFrame', 'RunMicrotasks'].includes(event.name)
              ? event.name
              : null;
    if (what && (event.dur ?? 0) >= 5000) parts.push(`${what} ${((event.dur ?? 0) / 1000).toFixed(0)} ms`);
  }
  return `  at ${((task.ts - navigationStart) / 1000).toFixed(0).padStart(5)} ms: ${((task.dur ?? 0) / 1000).toFixed(0)} ms — ${parts.slice(0, 8).join('; ')}`;
}

async function profile(label: string, open: () => Promise<{ page: Page; url: string; done: () => Promise<void> }>) {
  const functions: Tally = new Map();
  const modules: Tally = new Map();
  const modulesToPaint: Tally = new Map();
  const lines: string[] = [];
  const paints: number[] = [];
  const cpu: [number, number][] = [];
  let longTaskTotal = 0;
  for (let run = 0; run < runs; run++) {
    const { page, url, done } = await open();
    const { events, painted } = await trace(page, url);
    await done();
    if (traceDir) {
      mkdirSync(traceDir, { recursive: true });
      writeFileSync(join(traceDir, `${label.split(' ')[0]}-${run + 1}.json`), JSON.stringify({ traceEvents: events }));
    }
    const { samples, navigationStart, painted: paintedTs, tasks, inside, cpuToPaint, cpuTotal } = analyse(events, painted);
    paints.push(painted);
    cpu.push([cpuToPaint, cpuTotal]);
    for (const task of tasks) {
      if (run === 0) lines.push(describeTask(task, inside(task), navigationStart));
      if ((task.dur ?? 0) <= longTaskMs * 1000) continue;
      const end = task.ts + (task.dur ?? 0);
      longTaskTotal += (task.dur ?? 0) - longTaskMs * 1000;
      merge(functions, selfTimes(samples, task.ts, end, byFunction));
      merge(modules, selfTimes(samples, task.ts, end, byModule));
    }
    merge(modulesToPaint, selfTimes(samples, navigationStart, paintedTs, byModule));
  }
  console.log(`\n## ${label}, ${cpuSlowdown}× CPU slowdown, ${runs} run(s)`);
  console.log(`QR painted at ${paints.map((ms) => `${Math.round(ms)} ms`).join(', ')}; long tasks' time over ${longTaskMs} ms (TBT-like): ${(longTaskTotal / 1000 / runs).toFixed(0)} ms a run`);
  console.log(
    `Main-thread CPU (thread time) to the QR painted: ${cpu.map(([toPaint]) => `${Math.round(toPaint)} ms`).join(', ')}; ` +
      `to 3 s after it: ${cpu.map(([, total]) => `${Math.round(total)} ms`).join(', ')}`,
  );
  console.log(`Tasks over ${listedTaskMs} ms in the first run (what each evaluates, calls and lays out):`);
  console.log(lines.join('\n') || '  none');
  console.log('CPU self time by module, navigation → QR painted:');
  console.log(top(modulesToPaint, 25, runs).join('\n'));
  console.log('CPU self time by module, in long tasks:');
  console.log(top(modules, 25, runs).join('\n'));
  console.log('CPU self time by function, in long tasks:');
  console.log(top(functions, 30, runs).join('\n'));
}

const app = await startPanelBenchApp();
const { browser, cookie, url: baseUrl } = app;
try {
  const offlineContext: BrowserContext = await browser.newContext(phone);
  await offlineContext.addInitScript(qrPaintProbe);
  await firstPanelVisit(offlineContext, baseUrl);
  await offlineContext.setOffline(true);
  await profile('offline cold start from the service worker', async () => {
    const page = await offlineContext.newPage();
    return { page, url: `${baseUrl}/`, done: () => page.close() };
  });
  await offlineContext.close();

  const [name = '', value = ''] = cookie.split('=');
  await profile('online, empty cache, session cookie (as Lighthouse loads the panel)', async () => {
    const context = await browser.newContext(phone);
    await context.addInitScript(qrPaintProbe);
    await context.addCookies([{ name, value, url: baseUrl }]);
    return { page: await context.newPage(), url: `${baseUrl}/`, done: () => context.close() };
  });
  console.log(`\nload average ${loadavg().map((load) => load.toFixed(2)).join(' / ')}; Chromium ${browser.version()}`);
} finally {
  await app.close();
}
