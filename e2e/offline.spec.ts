import { type BrowserContext, expect, test, type Page } from '@playwright/test';
import { loginAsDemo } from '../testing/browser/e2e-support.ts';
import { readStores } from '../testing/browser/indexed-db.ts';
import { storedUploads, uploadAntigen, waitForPersistedCache, waitForServiceWorker } from '../testing/browser/offline-support.ts';

/**
 * Chromium reports `navigator.onLine` true in a document loaded under offline emulation, though nothing
 * reaches the network; dropping the network once more while it is open tells it, as a phone losing signal would.
 */
async function dropNetworkAgain(context: BrowserContext) {
  await context.setOffline(false);
  await context.setOffline(true);
}

/** The panel with its four tabs and their records, drawn from local data only. */
async function expectPanelFromLocalData(page: Page) {
  await expect(page.getByText('张*三', { exact: true })).toBeVisible();
  await expect(page.getByTestId('sync-status')).toContainText('离线');
  await expect(page.getByTestId('sync-status')).toContainText(/已同步 (刚刚|\d+分钟前)/);
  const panel = page.getByRole('tabpanel');
  const expectations: [string, RegExp | string][] = [
    ['疫苗', /第 3 剂/],
    ['核酸', '上海市徐汇区中心医院'],
    ['行程', /上海/],
    ['抗原', /阴性/],
  ];
  for (const [tab, text] of expectations) {
    await page.getByRole('tab', { name: tab }).click();
    await expect(panel).toContainText(text);
    await expect(panel).toContainText(/数据同步于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    await expect(panel.getByRole('listitem').first()).toBeVisible();
  }
}

test('after one online visit the panel, all four tabs and their records open offline, on reload and in a fresh page', async ({ page, context }) => {
  await loginAsDemo(page, 'a');
  await waitForServiceWorker(page);
  await waitForPersistedCache(page, 'demo-a');

  await context.setOffline(true);
  await page.reload();
  await dropNetworkAgain(context);
  await expectPanelFromLocalData(page);

  const fresh = await context.newPage();
  await fresh.goto('/');
  await dropNetworkAgain(context);
  await expectPanelFromLocalData(fresh);
  // Offline the API fails honestly: the service worker never answers /api with the shell.
  const api = await fresh.evaluate(() => fetch('/api/me').then((r) => r.status, () => 'network-error'));
  expect(api).toBe('network-error');
});

test('an upload queued offline survives two reloads and reaches the server exactly once', async ({ page, context }) => {
  const kit = `离线-${Date.now()}`;
  await loginAsDemo(page, 'b');
  await waitForServiceWorker(page);
  await waitForPersistedCache(page, 'demo-b');

  await context.setOffline(true);
  await uploadAntigen(page, { result: '阴性', kit, lot: 'LOT-OFF-1' });
  await expect(page.getByText('已保存。联网后会自动上传一次')).toBeVisible();
  await page.getByRole('link', { name: '返回首页' }).click();
  await expect(page.getByTestId('sync-status')).toContainText('1条待上传');

  for (let i = 0; i < 2; i++) {
    await page.reload();
    await expect(page.getByTestId('sync-status')).toContainText('1条待上传');
  }
  await page.getByRole('tab', { name: '抗原' }).click();
  await expect(page.getByRole('list', { name: '待上传' })).toContainText(kit);
  expect(storedUploads(kit)).toEqual([]);

  await context.setOffline(false);
  await expect(page.getByTestId('sync-status')).not.toContainText('待上传', { timeout: 20_000 });
  await expect(page.getByRole('list', { name: '待上传' })).toHaveCount(0);
  await expect(page.getByRole('tabpanel')).toContainText(kit);

  const rows = storedUploads(kit);
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ result: 'negative', syncItems: 1 });
  expect(rows[0]?.photoBytes).toBeLessThanOrEqual(300 * 1024);
  expect(Math.max(rows[0]?.width ?? 0, rows[0]?.height ?? 0)).toBeLessThanOrEqual(1280);
  const api = await page.request.get('/api/citizens/demo-b/antigen-tests');
  const body = (await api.json()) as { antigenTests: { kit: string }[] };
  expect(body.antigenTests.filter((test) => test.kit === kit)).toHaveLength(1);
});

test('a failing server (500, no answer at all, answer lost) keeps the upload queued; recovery drains it with no duplicate', async ({ page, context }) => {
  const kit = `故障-${Date.now()}`;
  await loginAsDemo(page, 'e');
  await waitForServiceWorker(page);

  let attempts = 0;
  await context.route('**/api/sync/batch', (route) => {
    attempts += 1;
    return route.fulfill({ status: 500, contentType: 'application/json', body: '{"error":{"code":"internal","message":"down"}}' });
  });
  await uploadAntigen(page, { result: '无效', kit, lot: 'LOT-500' });
  await page.getByRole('link', { name: '返回首页' }).click();
  await expect(page.getByTestId('sync-status')).toContainText('上次同步失败');
  await expect(page.getByTestId('sync-status')).toContainText('1条待上传');
  expect(attempts).toBeGreaterThan(0);

  // Lie-fi: a network is attached (navigator.onLine stays true) and nothing comes back. That is offline to the user.
  await context.unrouteAll({ behavior: 'wait' });
  let unanswered = 0;
  await context.route('**/api/**', (route) => {
    if (route.request().url().endsWith('/api/sync/batch')) unanswered += 1;
    return route.abort('timedout');
  });
  await page.reload();
  await expect.poll(() => unanswered, { timeout: 15_000 }).toBeGreaterThan(0);
  expect(await page.evaluate(() => navigator.onLine)).toBe(true);
  await expect(page.getByTestId('sync-status')).toContainText('离线');
  await expect(page.getByTestId('sync-status')).toContainText('1条待上传');
  await expect(page.getByRole('img', { name: /随申码：绿码/ })).toBeVisible();

  // The worst case: the server stores the batch but its answer never arrives.
  let delivered = 0;
  await context.unrouteAll({ behavior: 'wait' });
  await context.route('**/api/sync/batch', async (route) => {
    const response = await route.fetch();
    delivered += (await response.json() as { results: unknown[] }).results.length;
    await route.abort('connectionreset');
  });
  await page.reload();
  await expect.poll(() => delivered, { timeout: 15_000 }).toBeGreaterThan(0);
  await expect(page.getByTestId('sync-status')).toContainText('1条待上传');
  expect(storedUploads(kit)).toHaveLength(1);

  await context.unrouteAll({ behavior: 'wait' });
  await page.reload();
  await expect(page.getByTestId('sync-status')).not.toContainText('待上传', { timeout: 20_000 });
  await expect(page.getByTestId('sync-status')).not.toContainText('上次同步失败');
  await expect(page.getByTestId('sync-status')).not.toContainText('离线');
  const rows = storedUploads(kit);
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ result: 'invalid', syncItems: 1 });
});

test('a server that stops answering is 离线 on a phone with a network, and the queue drains by itself once it answers', async ({ page, context }) => {
  const kit = `无响应-${Date.now()}`;
  await loginAsDemo(page, 'e');
  await waitForServiceWorker(page);
  await context.route('**/api/**', (route) => route.abort('timedout'));
  await uploadAntigen(page, { result: '无效', kit, lot: 'LOT-LIEFI' });
  await page.getByRole('link', { name: '返回首页' }).click();
  await expect(page.getByTestId('sync-status')).toContainText('离线');
  await expect(page.getByTestId('sync-status')).toContainText('1条待上传');
  expect(await page.evaluate(() => navigator.onLine)).toBe(true);

  await context.unrouteAll({ behavior: 'wait' });
  await expect(page.getByTestId('sync-status')).not.toContainText('待上传', { timeout: 60_000 });
  await expect(page.getByTestId('sync-status')).not.toContainText('离线');
  expect(storedUploads(kit)).toHaveLength(1);
});

test('logging out removes this citizen’s cached records; the next citizen on the phone never sees them', async ({ page }) => {
  await loginAsDemo(page, 'a');
  await waitForServiceWorker(page);
  await waitForPersistedCache(page, 'demo-a');

  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page).toHaveURL(/\/login/);
  const cached = async () => (await readStores(page, { keys: ['query-cache'] })).keys['query-cache'];
  await expect.poll(cached).toEqual([]);

  await loginAsDemo(page, 'b');
  await expect(page.getByText('李*海', { exact: true })).toBeVisible();
  await expect(page.getByText('张*三', { exact: true })).toHaveCount(0);
  await waitForPersistedCache(page, 'demo-b');
  expect(await cached()).toEqual(['demo-b']);
});
