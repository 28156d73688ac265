import { expect, test, type Page } from '@playwright/test';
import { compactItems, readShownCode, withColour } from '../testing/codes/health-code.ts';
import { waitForServiceWorker } from '../testing/browser/offline-support.ts';
import { linkDemoRelative, loginAsDemo } from '../testing/browser/e2e-support.ts';

async function check(verifier: Page, code: string): Promise<void> {
  await verifier.getByLabel('二维码内容').fill(code);
  await verifier.getByRole('button', { name: '核验', exact: true }).click();
}

test('a code read off citizen (a)’s screen passes an offline verifier; replayed later or recoloured it is refused', async ({ page, browser, baseURL }, testInfo) => {
  await loginAsDemo(page, 'a');
  const code = await readShownCode(page);
  // The compact form, Base45 in QR alphanumeric mode.
  expect(code).toMatch(/^SSM2:[0-9A-Z $%*+\-./:]+$/);
  expect(code.length).toBeLessThan(400);
  testInfo.annotations.push({ type: 'qr-payload-chars', description: String(code.length) });

  const staff = await browser.newContext({ baseURL, locale: 'zh-CN', timezoneId: 'Europe/London' });
  const verifier = await staff.newPage();
  await verifier.goto('/verify');
  await expect(verifier.getByRole('radio', { name: '离沪核验' })).toBeChecked();
  await staff.setOffline(true);

  await check(verifier, code);
  const verdict = verifier.locator('.verdict');
  await expect(verdict).toHaveClass(/verdict--pass/);
  await expect(verdict).toContainText('通过');
  await expect(verdict).toContainText('张*三');
  await expect(verdict).not.toContainText('310');
  await expect(verifier.getByText('本机已核验 1 次')).toBeVisible();

  // The same picture 95 s later is what a screenshot looks like.
  await verifier.clock.setFixedTime(Date.now() + 95_000);
  await check(verifier, code);
  await expect(verifier.getByRole('alert')).toContainText('疑似截图：二维码已超过90秒未刷新。');
  await verifier.clock.setFixedTime(Date.now());

  await check(verifier, withColour(code, 'red'));
  await expect(verifier.getByRole('alert')).toContainText('码色被篡改');
  await check(verifier, 'https://example.com/promo');
  await expect(verifier.getByRole('alert')).toContainText('这不是随申码');
  await expect(verifier.getByText('本机已核验 4 次')).toBeVisible();
  await staff.close();
});

test('citizen (b)’s code fails leave-Shanghai with the PCR named, and passes venue entry', async ({ page, browser, baseURL }) => {
  await loginAsDemo(page, 'b');
  const code = await readShownCode(page);
  const staff = await browser.newContext({ baseURL, locale: 'zh-CN' });
  const verifier = await staff.newPage();
  await verifier.goto('/verify');
  await expect(verifier.getByRole('radio', { name: '离沪核验' })).toBeChecked();
  await staff.setOffline(true);
  await check(verifier, code);
  await expect(verifier.locator('.verdict')).toContainText('不通过');
  await expect(verifier.locator('.verdict')).toContainText('48小时内核酸阴性：已超时');
  await verifier.getByRole('radio', { name: '场所通行' }).check();
  await check(verifier, code);
  await expect(verifier.locator('.verdict')).toHaveClass(/verdict--pass/);
  await staff.close();
});

test('the panel re-signs its code on return to the foreground, offline too, until the credential needs a sync', async ({ page, context }) => {
  await loginAsDemo(page, 'a');
  const first = await readShownCode(page);
  await context.setOffline(true);
  await page.waitForTimeout(1100);
  await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
  await expect.poll(() => readShownCode(page)).not.toBe(first);
  const second = await readShownCode(page);
  // Same credential, a newer device-signed timestamp.
  const [before, after] = [compactItems(first), compactItems(second)];
  expect(after.slice(0, 3)).toEqual(before.slice(0, 3));
  expect(Number(after[3])).toBeGreaterThan(Number(before[3]));

  await page.clock.setFixedTime(Date.now() + 25 * 3_600_000);
  await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
  await expect(page.getByRole('alert')).toHaveText('随申码凭证已过期，请联网同步后再出示。');
  await expect(page.getByRole('img', { name: /随申码/ })).toHaveCount(0);
});

test('a guardian showing her relative’s code shows the relative’s own signed credential', async ({ page, browser, baseURL }) => {
  await loginAsDemo(page, 'a');
  await linkDemoRelative(page);
  await page.reload();
  await page.getByRole('radio', { name: '张*婆' }).check();
  await expect(page.getByRole('img', { name: /随申码/ })).toHaveAccessibleName(/张\*婆/);
  const code = await readShownCode(page);

  const staff = await browser.newContext({ baseURL, locale: 'zh-CN' });
  const verifier = await staff.newPage();
  await verifier.goto('/verify');
  await verifier.getByRole('radio', { name: '场所通行' }).check();
  await check(verifier, code);
  await expect(verifier.locator('.verdict')).toHaveClass(/verdict--pass/);
  await expect(verifier.locator('.verdict')).toContainText('张*婆');
  await staff.close();
});

test('a staff phone that never signed in checks codes after a cold start with no network', async ({ page, browser, baseURL }) => {
  await loginAsDemo(page, 'a');
  const code = await readShownCode(page);

  const staff = await browser.newContext({ baseURL, locale: 'zh-CN' });
  const verifier = await staff.newPage();
  await verifier.goto('/verify');
  await expect(verifier.getByRole('radio', { name: '离沪核验' })).toBeChecked();
  await waitForServiceWorker(verifier);
  await staff.setOffline(true);
  // A new tab after the app was closed: only the service worker and IndexedDB are left.
  await verifier.close();
  const coldStart = await staff.newPage();
  await coldStart.goto('/verify');
  await expect(coldStart.getByRole('radio', { name: '离沪核验' })).toBeChecked();
  await check(coldStart, code);
  await expect(coldStart.locator('.verdict')).toHaveClass(/verdict--pass/);
  await expect(coldStart.locator('.verdict')).toContainText('张*三');
  await staff.close();
});

test('the verifier still works after the place-code scanner loaded the same keys in this session', async ({ page }) => {
  await loginAsDemo(page, 'a');
  const code = await readShownCode(page);
  await page.getByRole('link', { name: '扫一扫' }).click();
  await expect(page.getByRole('heading', { name: '扫一扫' })).toBeVisible();
  await page.evaluate(() => {
    history.pushState(null, '', '/verify');
    dispatchEvent(new PopStateEvent('popstate'));
  });
  await expect(page.getByRole('radio', { name: '离沪核验' })).toBeChecked();
  await check(page, code);
  await expect(page.locator('.verdict')).toHaveClass(/verdict--pass/);
});
