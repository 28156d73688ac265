import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { loginAsDemo } from '../testing/browser/e2e-support.ts';
import { waitForPersistedCache, waitForServiceWorker } from '../testing/browser/offline-support.ts';
import { checkOnOfflineVerifier } from '../testing/codes/health-code.ts';
import { readQrFromPng } from '../testing/images/read-qr.ts';

/**
 * Records, from the page's first script on, when the boot module's card (app/boot/) first held a QR, whether
 * the React root had rendered anything by then, that QR as drawn, and every ECDSA signature the page made.
 */
async function watchStart(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const log = { bootQrAt: -1, rootFilledAtBootQr: -1, rootFilledAt: -1, bootQrSvg: '', signatures: 0 };
    Object.assign(window, { __boot: log });
    const sign = crypto.subtle.sign.bind(crypto.subtle);
    crypto.subtle.sign = (...args: Parameters<SubtleCrypto['sign']>) => {
      log.signatures++;
      return sign(...args);
    };
    new MutationObserver(() => {
      const root = document.getElementById('root');
      const filled = root ? root.childElementCount : 0;
      const bootQr = document.querySelector('#boot-code svg.code-qr');
      if (log.bootQrAt < 0 && bootQr) {
        log.bootQrAt = performance.now();
        log.rootFilledAtBootQr = filled;
        log.bootQrSvg = bootQr.outerHTML;
      }
      if (log.rootFilledAt < 0 && filled > 0) log.rootFilledAt = performance.now();
    }).observe(document, { childList: true, subtree: true });
  });
}

interface StartLog {
  bootQrAt: number;
  rootFilledAtBootQr: number;
  rootFilledAt: number;
  bootQrSvg: string;
  signatures: number;
}
const startLog = (page: Page) => page.evaluate(() => (window as unknown as { __boot: StartLog }).__boot);

/** Reads the QR of an SVG as the boot card drew it (its colours come from the app's stylesheet, so set here). */
async function readQrSvg(browser: Browser, svg: string): Promise<string> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.setContent(`<body style="margin:0;padding:24px;background:#fff"><style>svg{width:320px}rect{fill:#fff}path{fill:#000}</style>${svg}</body>`);
    return readQrFromPng(await page.locator('svg').screenshot());
  } finally {
    await context.close();
  }
}

/** A compact live code of 张*三 that the offline staff verifier passes. */
async function expectStaffPass(browser: Browser, baseURL: string, code: string): Promise<void> {
  expect(code).toMatch(/^SSM2:/);
  const { staff, verifier } = await checkOnOfflineVerifier(browser, baseURL, code);
  const verdict = verifier.locator('.verdict');
  await expect(verdict).toHaveClass(/verdict--pass/);
  await expect(verdict).toContainText('张*三');
  await staff.close();
}

test('offline cold start: the boot module paints a code the staff verifier passes before React renders, and the app takes it over with no second signature', async ({ page, context, browser, baseURL }) => {
  if (!baseURL) throw new Error('baseURL is not set');
  await loginAsDemo(page, 'a');
  await waitForServiceWorker(page);
  await waitForPersistedCache(page, 'demo-a');
  await watchStart(context);
  await context.setOffline(true);

  const fresh = await context.newPage();
  await fresh.goto('/');
  // The app's own panel, below the card: React has taken over and the painted card is gone.
  await expect(fresh.getByRole('tab', { name: '核酸' })).toBeVisible();
  await expect(fresh.locator('#boot-code')).toHaveCount(0);
  await expect(fresh.locator('#root')).toBeVisible();
  const log = await startLog(fresh);
  expect(log.bootQrAt).toBeGreaterThan(0);
  expect(log.rootFilledAtBootQr).toBe(0);
  expect(log.rootFilledAt).toBeGreaterThan(log.bootQrAt);
  // One signature: the boot module's; the panel showed that code instead of signing its own.
  await fresh.waitForTimeout(1_500);
  expect((await startLog(fresh)).signatures).toBe(1);
  await expect(fresh.getByRole('img', { name: /张\*三的随申码/ })).toHaveCount(1);

  // The QR that was on screen, offline, while the React root was still empty: a live code staff accept.
  await expectStaffPass(browser, baseURL, await readQrSvg(browser, log.bootQrSvg));
});

test('with the React app held back, the boot card alone shows a live code that the staff verifier passes', async ({ browser, baseURL }) => {
  if (!baseURL) throw new Error('baseURL is not set');
  // No service worker, so that the page's own requests can be held (page.route does not see a worker's answers).
  const context = await browser.newContext({ baseURL, serviceWorkers: 'block', locale: 'zh-CN' });
  try {
    const page = await context.newPage();
    await loginAsDemo(page, 'a');
    await waitForPersistedCache(page, 'demo-a');
    await watchStart(context);
    // The React app's entry chunk never arrives.
    await page.route(/\/assets\/main-[^/]+\.js$/, () => undefined);
    await page.reload({ waitUntil: 'commit' });

    const card = page.locator('#boot-code');
    const qr = card.getByRole('img', { name: /张\*三的随申码：绿码/ });
    await expect(qr).toBeVisible();
    await expect(card.getByRole('heading', { name: '随申码' })).toBeVisible();
    await expect(card).toContainText('张*三');
    await expect(card).toContainText(/310\*+\d{4}/);
    await expect(card).toContainText('绿码');
    await expect(card).toContainText(/数据更新于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/);
    await expect(page.locator('#root')).toBeHidden();
    expect(await page.locator('#root').evaluate((root) => root.childElementCount)).toBe(0);

    const time = card.locator('.live-clock__time');
    const first = await time.textContent();
    await expect(time).not.toHaveText(first ?? '', { timeout: 3_000 });

    await expectStaffPass(browser, baseURL, readQrFromPng(await qr.screenshot()));
  } finally {
    await context.close();
  }
});

test('nobody signed in, or logged out: the boot module paints nothing and the app shows the login', async ({ page, context }) => {
  await watchStart(context);
  await page.goto('/');
  await expect(page).toHaveURL(/\/login/);
  expect((await startLog(page)).bootQrAt).toBe(-1);

  await loginAsDemo(page, 'b');
  await waitForPersistedCache(page, 'demo-b');
  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto('/');
  await expect(page).toHaveURL(/\/login/);
  expect((await startLog(page)).bootQrAt).toBe(-1);
});
