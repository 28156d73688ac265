/**
 * `npm run bench`: measures the built app (`npm run build` first) served by the real server over a
 * temporary SQLite, each figure beside its floor, and writes them to BENCHMARKS.md with the machine it
 * ran on. Figures depend on the machine and on whatever else runs on it; tests never do (they hold
 * exact budgets only, scripts/build/bundle-budget.ts).
 *
 *   npm run build && npm run bench            RUNS=15 LIGHTHOUSE_RUNS=3 by default; on a machine with a Chinese
 *                                             font, as a phone has (Debian: apt-get install fonts-noto-cjk)
 *   ONLY=time-to-code npm run bench           time to code alone (with its two floors), printed, BENCHMARKS.md untouched
 *   WARM_SW=1 ONLY=time-to-code npm run bench the same with the service workers left running between starts
 *   ONLY=lighthouse-panel npm run bench       the panel's Lighthouse runs alone, with their long tasks, printed,
 *                                             BENCHMARKS.md untouched
 *   DIST_DIR=/tmp/dist-a ONLY=… npm run bench another build (either ONLY), to compare two in turn
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { phone } from '../../testing/browser/phone.ts';
import { builtFiles, gzipKb, rawKb, sentKb } from '../build/bundle-files.ts';
import { decodeRateSection } from './decode-rate.ts';
import { firstPanelVisit, qrPaintProbe, startPanelBenchApp } from './panel-bench-app.ts';
import { installSwFloor, startSwFloorServer } from './sw-floor.ts';

const runs = Number(process.env.RUNS ?? 15);
const lighthouseRuns = Number(process.env.LIGHTHOUSE_RUNS ?? 3);
/** Time to code alone: minutes instead of the whole suite's hour, to compare builds while working on the panel. */
const timeToCodeOnly = process.env.ONLY === 'time-to-code';
/** The panel's Lighthouse figures alone, with what they are made of: to compare builds while working on TBT and LCP. */
const lighthousePanelOnly = process.env.ONLY === 'lighthouse-panel';
const cpuSlowdown = 4;
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? Number.NaN) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};
const ms = (value: number) => `${Math.round(value).toLocaleString('en')} ms`;
const kb = (value: number) => `${value.toFixed(1)} KB`;

/** One start: when the QR was painted, and when the page's HTML began to arrive (from the worker, when it has one). */
interface Start {
  code: number;
  html: number;
}

async function timeToCode(page: Page, url: string): Promise<Start> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuSlowdown });
  await page.goto(url, { waitUntil: 'commit' });
  const code = await page.evaluate(() => (window as unknown as { qrPainted: Promise<number> }).qrPainted);
  const html = await page.evaluate(() => (performance.getEntriesByType('navigation') as PerformanceNavigationTiming[])[0]?.responseStart ?? Number.NaN);
  return { code, html };
}

/** A static page holding the panel's own QR as one inline SVG, and nothing else: the floor. */
function floorPage(qrSvg: string): string {
  return `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>floor</title><style>svg{width:280px}path{fill:#0a8f3c}rect{fill:#fff}</style>${qrSvg}</html>`;
}

/** The plain floor: a page Playwright fulfils directly, no network and no service worker. */
async function floorContext(browser: Browser, html: string): Promise<BrowserContext> {
  const context = await browser.newContext(phone);
  await context.addInitScript(qrPaintProbe);
  await context.route('http://floor.test/', (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: html }));
  return context;
}

/**
 * A cold start as the citizen at the door makes one: a new tab (offline or not as the context is), and the service
 * worker stopped, as it is once it has been idle for half a minute (else every start but the first would find it
 * running from the one before). WARM_SW=1 leaves it running, to see what its own start costs.
 */
async function timeColdStart(context: BrowserContext, url: string): Promise<Start> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  if (process.env.WARM_SW !== '1') await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
  const time = await timeToCode(page, url);
  await page.close();
  return time;
}

/** A first visit with the session cookie and nothing else: every asset over the network, no service worker yet. */
async function timeOnlineEmptyCache(browser: Browser, baseUrl: string, cookie: string): Promise<Start> {
  const [name = '', value = ''] = cookie.split('=');
  const context = await browser.newContext(phone);
  await context.addInitScript(qrPaintProbe);
  await context.addCookies([{ name, value, url: baseUrl }]);
  const time = await timeToCode(await context.newPage(), `${baseUrl}/`);
  await context.close();
  return time;
}

interface TimeToCode {
  floor: Start[];
  swFloor: Start[];
  offline: Start[];
  returnVisit: Start[];
  online: Start[];
}

/**
 * Every row in the same run, taken in turn (floor, SW floor, panel offline, panel online, then again), so that a
 * burst of load on the shared machine falls on all of them rather than on whichever row it happened to meet.
 */
async function measureTimeToCode(qrSvg: string, offlineContext: BrowserContext, returnContext: BrowserContext): Promise<TimeToCode> {
  const html = floorPage(qrSvg);
  const plain = await floorContext(browser, html);
  const swFloorServer = await startSwFloorServer(html);
  const swContext = await browser.newContext(phone);
  await swContext.addInitScript(qrPaintProbe);
  const times: TimeToCode = { floor: [], swFloor: [], offline: [], returnVisit: [], online: [] };
  try {
    await installSwFloor(swContext, swFloorServer.url);
    await swContext.setOffline(true);
    await offlineContext.setOffline(true);
    for (let run = 0; run < runs; run++) {
      const page = await plain.newPage();
      times.floor.push(await timeToCode(page, 'http://floor.test/'));
      await page.close();
      times.swFloor.push(await timeColdStart(swContext, swFloorServer.url));
      times.offline.push(await timeColdStart(offlineContext, `${baseUrl}/`));
      times.returnVisit.push(await timeColdStart(returnContext, `${baseUrl}/`));
      times.online.push(await timeOnlineEmptyCache(browser, baseUrl, cookie));
    }
  } finally {
    await Promise.all([plain.close(), swContext.close()]);
    await swFloorServer.close();
  }
  return times;
}

function timeToCodeRows({ floor, swFloor, offline, returnVisit, online }: TimeToCode): string[] {
  const codeMedian = (starts: Start[]) => median(starts.map((start) => start.code));
  const floorMedian = codeMedian(floor);
  const swFloorMedian = codeMedian(swFloor);
  const timing = (label: string, starts: Start[]) => {
    const times = starts.map((start) => start.code);
    const ratios = `${(median(times) / floorMedian).toFixed(2)}× | ${(median(times) / swFloorMedian).toFixed(2)}×`;
    return `| ${label} | ${ms(median(times))} | ${ms(Math.min(...times))} – ${ms(Math.max(...times))} | ${ratios} | ${ms(median(starts.map((start) => start.html)))} |`;
  };
  return [
    '| page | median | min – max | × floor | × SW floor | HTML in (median) |',
    '|---|---|---|---|---|---|',
    timing('floor page (one inline SVG QR)', floor),
    timing('SW floor: the floor page, cold start offline from a service worker of its own (new tab)', swFloor),
    timing('panel, cold start offline from the service worker (new tab, no network): the boot module’s path', offline),
    timing('panel, online return visit (new tab, the service worker installed and stopped)', returnVisit),
    timing('panel, online with a session and an empty cache (first visit, no service worker yet)', online),
  ];
}

interface LighthouseFigures {
  performance: number;
  accessibility: number;
  bestPractices: number;
  fcp: number;
  lcp: number;
  tbt: number;
  cls: number;
  /** What TBT is made of, printed by ONLY=lighthouse-panel (Lighthouse 12.2.3 cannot name the LCP element on this Chromium). */
  longTasks: string;
}

interface AuditDetails {
  items?: { url?: string; startTime?: number; duration?: number }[];
}

/**
 * Lighthouse's mobile preset (simulated slow 4G, 4× CPU slowdown) in a fresh headless Chromium profile.
 * Run as a child process without blocking: the server under test answers from this same process.
 */
async function lighthouse(url: string, cookie: string | null): Promise<LighthouseFigures> {
  const args = ['lighthouse', url, '--quiet', '--output=json', '--output-path=stdout', '--chrome-flags=--headless=new --no-sandbox'];
  if (cookie) args.push(`--extra-headers=${JSON.stringify({ Cookie: cookie })}`);
  const run = () => promisify(execFile)('npx', args, { env: { ...process.env, CHROME_PATH: chromiumPath }, maxBuffer: 64 * 1024 * 1024 });
  // Now and then Lighthouse loses the start of its own trace (NO_NAVSTART) and says to run it again.
  const { stdout } = await run().catch((error: unknown) => {
    if (error instanceof Error && error.message.includes('NO_NAVSTART')) return run();
    throw error;
  });
  const report = JSON.parse(stdout) as { categories: Record<string, { score: number }>; audits: Record<string, { numericValue: number; details?: AuditDetails }> };
  const score = (category: string) => Math.round((report.categories[category]?.score ?? Number.NaN) * 100);
  const value = (audit: string) => report.audits[audit]?.numericValue ?? Number.NaN;
  return {
    performance: score('performance'),
    accessibility: score('accessibility'),
    bestPractices: score('best-practices'),
    fcp: value('first-contentful-paint'),
    lcp: value('largest-contentful-paint'),
    tbt: value('total-blocking-time'),
    cls: value('cumulative-layout-shift'),
    longTasks: (report.audits['long-tasks']?.details?.items ?? [])
      .map((task) => `${ms(task.duration ?? 0)} at ${ms(task.startTime ?? 0)} (${(task.url ?? '').replace(/^.*\//, '')})`)
      .join(', '),
  };
}

function lighthouseRow(page: string, results: LighthouseFigures[]): string {
  const pick = (key: Exclude<keyof LighthouseFigures, 'longTasks'>) => median(results.map((result) => result[key]));
  // Two decimals: a goal of 2.0 s cannot be judged from a figure rounded to 2.0.
  const seconds = (value: number) => `${(value / 1000).toFixed(2)} s`;
  return `| ${page} | ${pick('performance')} | ${pick('accessibility')} | ${pick('bestPractices')} | ${seconds(pick('fcp'))} | ${seconds(pick('lcp'))} | ${ms(pick('tbt'))} | ${pick('cls').toFixed(3)} |`;
}

const smallChunkKb = 2;

function bytesSection(): string[] {
  const files = builtFiles();
  const row = (file: string) => `| ${file} | ${kb(rawKb(file))} | ${kb(gzipKb(file))} | ${kb(sentKb(file))} |`;
  const total = (list: string[], size: (file: string) => number) => kb(list.reduce((sum, file) => sum + size(file), 0));
  const initial = [...files.initialScripts, ...files.initialStyles];
  // The many small lazy chunks are summed in one row, so the table stays readable as features are added.
  const lazy = [...files.lazyWasm, ...files.lazyScripts, ...files.lazyStyles].sort((a, b) => rawKb(b) - rawKb(a));
  const large = lazy.filter((file) => gzipKb(file) >= smallChunkKb);
  const small = lazy.filter((file) => gzipKb(file) < smallChunkKb);
  return [
    '## Bytes',
    '',
    'What a phone downloads before the panel can render (entry script, preloaded chunks, style sheets), and each lazily',
    'loaded chunk. "As sent" is what the server sends a browser that accepts brotli (the build’s `.br` copy).',
    '',
    '| file | raw | gzip -9 | as sent (brotli) |',
    '|---|---|---|---|',
    ...initial.map(row),
    `| **initial JS** | ${total(files.initialScripts, rawKb)} | **${total(files.initialScripts, gzipKb)}** | **${total(files.initialScripts, sentKb)}** |`,
    `| **initial CSS** | ${total(files.initialStyles, rawKb)} | ${total(files.initialStyles, gzipKb)} | ${total(files.initialStyles, sentKb)} |`,
    '',
    '| loaded on demand | raw | gzip -9 | as sent (brotli) |',
    '|---|---|---|---|',
    ...large.map(row),
    `| ${small.length} smaller chunks, each under ${smallChunkKb} KB gzipped, together | ${total(small, rawKb)} | ${total(small, gzipKb)} | ${total(small, sentKb)} |`,
  ];
}

/**
 * The font Chromium lays Chinese text out in. A phone has its CJK system font; without one, every Chinese character
 * goes through font fallback and the panel's layouts took several times longer (docs/benchmarks-history.md, round 4).
 */
function chineseFont(): string | null {
  try {
    // fontconfig always names some font; it is a Chinese one only if it covers zh-cn.
    const [family, languages] = execFileSync('fc-match', ['-f', '%{family[0]}\t%{lang}', 'sans-serif:lang=zh-cn'], { encoding: 'utf8' }).split('\t');
    return family && languages?.split('|').includes('zh-cn') ? family : null;
  } catch {
    return null;
  }
}

function machineSection(browserVersion: string): string[] {
  const cores = cpus();
  return [
    '## Machine',
    '',
    `- CPU: ${cores[0]?.model ?? 'unknown'}, ${cores.length} cores; load average ${loadavg().map((load) => load.toFixed(2)).join(' / ')} when the run ended`,
    `- Memory: ${(totalmem() / 2 ** 30).toFixed(1)} GiB (${(freemem() / 2 ** 30).toFixed(1)} GiB free)`,
    `- OS: Linux ${release()}; Node ${process.version}; Chromium ${browserVersion} (${chromiumPath})`,
    `- Chinese font: ${chineseFont() ?? 'none (every Chinese character laid out through font fallback, unlike on a phone)'}`,
    `- Date: ${new Date().toISOString()}`,
  ];
}

if (!chineseFont()) console.warn('No Chinese font: the figures will not be a phone\'s (apt-get install fonts-noto-cjk).');

const app = await startPanelBenchApp();
const { browser, cookie, url: baseUrl } = app;

async function printPanelLighthouse() {
  for (let run = 0; run < lighthouseRuns; run++) {
    const figures = await lighthouse(`${baseUrl}/`, cookie);
    console.log(`performance ${figures.performance} · LCP ${ms(figures.lcp)} · TBT ${ms(figures.tbt)} · CLS ${figures.cls.toFixed(3)}`);
    console.log(`  long tasks: ${figures.longTasks}`);
  }
  console.log(`load average ${loadavg().map((load) => load.toFixed(2)).join(' / ')}`);
}

async function measureAll() {
  const offlineContext = await browser.newContext(phone);
  await offlineContext.addInitScript(qrPaintProbe);
  const qrSvg = await firstPanelVisit(offlineContext, baseUrl);
  const returnContext = await browser.newContext(phone);
  await returnContext.addInitScript(qrPaintProbe);
  await firstPanelVisit(returnContext, baseUrl);

  console.log(`time to code: ${runs} runs of each row in turn at ${cpuSlowdown}× CPU slowdown…`);
  const rows = timeToCodeRows(await measureTimeToCode(qrSvg, offlineContext, returnContext));
  await Promise.all([offlineContext.close(), returnContext.close()]);
  if (timeToCodeOnly) {
    console.log([...rows, `load average ${loadavg().map((load) => load.toFixed(2)).join(' / ')}`].join('\n'));
  } else {
    console.log(`Lighthouse 12.2.3: ${lighthouseRuns} runs per page…`);
    const loginRuns: LighthouseFigures[] = [];
    const panelRuns: LighthouseFigures[] = [];
    // One at a time: parallel runs would slow each other down.
    for (let run = 0; run < lighthouseRuns; run++) loginRuns.push(await lighthouse(`${baseUrl}/login`, null));
    for (let run = 0; run < lighthouseRuns; run++) panelRuns.push(await lighthouse(`${baseUrl}/`, cookie));

    console.log('decode rate over the distorted place-code pictures…');
    const decodeRate = await decodeRateSection();

    const report = [
      '# Benchmarks',
      '',
      'Written by `npm run bench` (scripts/bench/bench.ts) on the built app served by the real server (`npm start`’s server over a',
      'temporary SQLite, compression on). Figures vary with the machine and with what else runs on it (see Machine); the goals',
      'and the other benchmarks follow, each with how it was measured. How the figures were reached: docs/benchmarks-history.md.',
      '',
      '## Time to code',
      '',
      `From navigation start to the first frame painted with the QR in it, ${cpuSlowdown}× CPU slowdown (CDP), phone viewport`,
      `390×844, median of ${runs} runs, the rows taken in turn in one run. Floor: a static page holding the panel’s own QR (the`,
      'same inline SVG) and nothing else. SW floor: that page served offline by a service worker of its own that only answers',
      'it from its cache (scripts/bench/sw-floor.ts). Cold starts are new tabs with the worker stopped, as after idling.',
      '"HTML in": the navigation’s responseStart, so for the worker-served rows its start and its first fetch event.',
      '',
      ...rows,
      '',
      '## Lighthouse 12.2.3',
      '',
      `Mobile preset (simulated slow 4G, 4× CPU slowdown), headless Chromium, median of ${lighthouseRuns} runs per figure. The`,
      'panel is loaded with the session cookie of demo citizen 张*三 (`--extra-headers`), logged in through the API.',
      '',
      '| page | performance | accessibility | best practices | FCP | LCP | TBT | CLS |',
      '|---|---|---|---|---|---|---|---|',
      lighthouseRow('/login (first visit)', loginRuns),
      lighthouseRow('/ panel (logged in)', panelRuns),
      '',
      ...bytesSection(),
      '',
      ...decodeRate,
      '',
      ...machineSection(browser.version()),
      '',
    ].join('\n');
    // Everything from this marker on (the goals, the other benchmarks' sections) is kept when a run rewrites the rest.
    const benchmarksPath = join(import.meta.dirname, '..', '..', 'BENCHMARKS.md');
    const keptFrom = '<!-- kept by npm run bench -->';
    const current = existsSync(benchmarksPath) ? readFileSync(benchmarksPath, 'utf8') : '';
    const kept = current.includes(keptFrom) ? current.slice(current.indexOf(keptFrom)) : undefined;
    writeFileSync(benchmarksPath, kept === undefined ? report : `${report}\n${kept}`);
    console.log(report);
  }
}

try {
  if (lighthousePanelOnly) await printPanelLighthouse();
  else await measureAll();
} finally {
  await app.close();
}
