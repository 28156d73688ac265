/**
 * What the panel's benchmark (scripts/bench/bench.ts) and its profiler (scripts/bench/profile-panel.ts) both start: the
 * built app served by the real server over a temporary SQLite, a Chromium, and demo citizen 张*三 — so the two
 * measure the same thing in the same way.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext } from '@playwright/test';
import { findChromium } from '../../testing/browser/find-chromium.ts';
import { waitForPersistedCache, waitForServiceWorker } from '../../testing/browser/offline-support.ts';
import { loginCookie } from '../../testing/server/test-client.ts';
import { startServer } from '../../server/server.ts';

/**
 * Sets window.qrPainted to the time from navigation start to the first frame painted with the QR's modules
 * in it: the QR is in the DOM, a frame is produced (requestAnimationFrame), and the task after that frame
 * runs (marked `qr-painted` for traces). The same probe times the floor page, so the ratio compares like with
 * like. Plain JavaScript in a string: the page must run it as written, without the helpers tsx adds to
 * compiled functions.
 */
export const qrPaintProbe = {
  content: `window.qrPainted = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (!document.querySelector('svg.code-qr path')) return;
      observer.disconnect();
      requestAnimationFrame(() => setTimeout(() => { performance.mark('qr-painted'); resolve(performance.now()); }, 0));
    });
    observer.observe(document, { childList: true, subtree: true });
  });`,
};

export interface PanelBenchApp {
  url: string;
  browser: Browser;
  /** The session cookie (`name=value`) of demo citizen 张*三, logged in through the API. */
  cookie: string;
  close(): Promise<void>;
}

/** The build served: `dist` unless DIST_DIR names another (two builds kept side by side to compare them in turn). */
export async function startPanelBenchApp(distDir = process.env.DIST_DIR ?? 'dist'): Promise<PanelBenchApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'suishen-panel-bench-'));
  const server = await startServer({ port: 0, database: { engine: 'sqlite', dataDir }, demo: true, distDir });
  const choice = findChromium();
  const browser = await chromium.launch({ executablePath: choice.executablePath, args: choice.args });
  return {
    url: server.url,
    browser,
    cookie: await loginCookie(server.url, '13800000001'),
    async close() {
      await browser.close();
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The one online visit before an offline start: logs in 张*三, waits for the service worker and the kept cache; returns the QR's SVG. */
export async function firstPanelVisit(context: BrowserContext, baseUrl: string): Promise<string> {
  const page = await context.newPage();
  await page.goto(`${baseUrl}/login`);
  await page.getByRole('button', { name: /^演示 张\*三 / }).click();
  const qr = page.locator('svg.code-qr');
  await qr.waitFor();
  await waitForServiceWorker(page);
  await waitForPersistedCache(page, 'demo-a');
  const svg = await qr.evaluate((node) => node.outerHTML);
  await page.close();
  return svg;
}
