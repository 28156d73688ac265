/**
 * How long a place-code scan takes on Chromium's fake camera: from tapping 扫一扫 on the panel to the
 * result screen (camera start, frames, WebAssembly decode, signature check, local save, upload).
 * Serves the built app (`npm run build` first) with a real server over a temporary SQLite, registers
 * a venue, writes its code into a .y4m the fake camera plays, and scans it RUNS times in one tab:
 * the first run includes loading the scanner chunk and the .wasm, the rest are warm. Each tap comes the
 * moment 扫一扫 is on screen, before the panel's idle prefetch; a last set of RUNS taps waits
 * `IDLE_MS` on the panel first, as a citizen looking at their code does, so the prefetch has run.
 *
 *   npm run build && npm run bench:scan            RUNS=10 npm run bench:scan
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { endpoints } from '../../core/contract/endpoints.ts';
import { venueCodeUrl } from '../../core/contract/venues.ts';
import { launchWithCamera, phoneContext } from '../../testing/camera/fake-camera.ts';
import { writeQrY4m } from '../../testing/camera/y4m.ts';
import { loginCookie } from '../../testing/server/demo-login.ts';
import { startServer } from '../../server/server.ts';

const runs = Number(process.env.RUNS ?? 6);
const idleMs = Number(process.env.IDLE_MS ?? 2000);
const dataDir = mkdtempSync(join(tmpdir(), 'suishen-bench-'));
const server = await startServer({ port: 0, database: { engine: 'sqlite', dataDir }, demo: true, distDir: 'dist' });

async function api(path: string, init: { method?: string; cookie?: string; body?: unknown } = {}): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (init.cookie) headers.cookie = init.cookie;
  return fetch(`${server.url}/api${path}`, { method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
}

try {
  const phone = '13800000001';
  const cookie = await loginCookie(server.url, phone);
  const registered = await api('/venues', { method: 'POST', cookie, body: { name: '上海书城', district: '黄浦区', address: '福州路465号', kind: 'shop' } });
  const { venue } = endpoints.registerVenue.response.parse(await registered.json());
  const url = venueCodeUrl(new URL(server.url).origin, venue.token);
  const video = join(dataDir, 'venue.y4m');
  writeQrY4m(video, url);

  const browser = await launchWithCamera(video);
  const context = await phoneContext(browser, server.url);
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByRole('button', { name: /^演示 张\*三/ }).click();
  await page.getByRole('link', { name: '扫一扫' }).waitFor();

  async function scan(waitOnPanelMs: number): Promise<number> {
    await page.goto('/');
    await page.getByRole('link', { name: '扫一扫' }).waitFor();
    if (waitOnPanelMs > 0) await page.waitForTimeout(waitOnPanelMs);
    const started = performance.now();
    await page.getByRole('link', { name: '扫一扫' }).click();
    await page.waitForURL(/\/check-ins\/[0-9a-f-]{36}$/, { timeout: 30_000 });
    await page.getByRole('heading', { name: '上海书城' }).waitFor();
    return performance.now() - started;
  }
  const times: number[] = [];
  for (let run = 0; run < runs; run++) times.push(await scan(0));
  const idle: number[] = [];
  for (let run = 0; run < runs; run++) idle.push(await scan(idleMs));
  await browser.close();

  const sorted = (list: number[]) => [...list].sort((a, b) => a - b);
  const warm = sorted(times.slice(1));
  const median = warm[Math.floor(warm.length / 2)] ?? Number.NaN;
  const prefetched = sorted(idle);
  console.log(`place-code URL: ${url.length} characters`);
  console.log(`scan → result screen, fake camera 640×480 @ 10 fps, ${runs} runs`);
  console.log(`  first (cold: scanner chunk + .wasm): ${times[0]?.toFixed(0) ?? '?'} ms`);
  console.log(`  warm: median ${median.toFixed(0)} ms, min ${(warm[0] ?? Number.NaN).toFixed(0)} ms, max ${(warm.at(-1) ?? Number.NaN).toFixed(0)} ms`);
  console.log(
    `  tapped ${idleMs} ms after the panel showed (prefetched): median ${(prefetched[Math.floor(prefetched.length / 2)] ?? Number.NaN).toFixed(0)} ms, ` +
      `min ${(prefetched[0] ?? Number.NaN).toFixed(0)} ms, max ${(prefetched.at(-1) ?? Number.NaN).toFixed(0)} ms`,
  );
} finally {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
}
