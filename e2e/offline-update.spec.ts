/**
 * A second build served under the first. This spec runs its own server on its own port (the suite's
 * server keeps serving `dist`): first over `dist`, then, on the same port and database, over a second
 * build made here with another BUILD_ID. The browser keeps its origin, service worker and IndexedDB,
 * exactly as a phone does when the site is redeployed.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { loginAsDemo } from '../testing/browser/e2e-support.ts';
import { storedUploads, uploadAntigen, waitForPersistedCache, waitForServiceWorker } from '../testing/browser/offline-support.ts';
import { startServerProcess, stopServerProcess, waitReady, type ServerProcess } from '../testing/server/server-process.ts';

const port = Number(process.env.E2E_PORT ?? 4173) + 10;
const origin = `http://localhost:${port}`;
const dataDir = 'e2e/.generated/update-data';
const nextDist = 'e2e/.generated/dist-next';
const nextBuildId = `next-${Date.now()}`;

test.use({ baseURL: origin });

let server: ServerProcess | undefined;

async function serve(distDir: string): Promise<void> {
  server = startServerProcess(port, { engine: 'sqlite', dataDir }, { DIST_DIR: distDir });
  await waitReady(server, 30_000);
}

async function stop(): Promise<void> {
  const running = server;
  server = undefined;
  if (running) await stopServerProcess(running);
}

test.beforeAll(() => {
  test.setTimeout(180_000);
  rmSync(dataDir, { recursive: true, force: true });
  const build = spawnSync('npx', ['vite', 'build', '--outDir', `../${nextDist}`, '--emptyOutDir', '--logLevel', 'warn'], {
    env: { ...process.env, BUILD_ID: nextBuildId },
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`second build failed: ${build.stderr}`);
});

test.afterAll(async () => {
  await stop();
});

test('a new build shows the update prompt, waits for the user, and keeps the cache and a queued upload', async ({ page, context }) => {
  test.setTimeout(120_000);
  await serve('dist');
  await loginAsDemo(page, 'c');
  await waitForServiceWorker(page);
  await waitForPersistedCache(page, 'demo-c');
  const firstBuild = await page.locator('meta[name="suishen-build"]').getAttribute('content');
  expect(firstBuild).not.toBe(nextBuildId);

  // A queued upload that must outlive the update: the sync endpoint is held back meanwhile.
  const kit = `更新-${Date.now()}`;
  await context.route('**/api/sync/batch', (route) => route.abort('connectionrefused'));
  await uploadAntigen(page, { result: '阴性', kit, lot: 'LOT-UPD' });
  await page.getByRole('link', { name: '返回首页' }).click();
  await expect(page.getByTestId('sync-status')).toContainText('1条待上传');

  await stop();
  await serve(nextDist);

  await page.reload();
  const prompt = page.getByRole('alert').filter({ hasText: '有新版本' });
  await expect(prompt).toBeVisible({ timeout: 30_000 });
  // Still the old build: nothing reloaded under the user's feet.
  expect(await page.locator('meta[name="suishen-build"]').getAttribute('content')).toBe(firstBuild);
  await expect(page.getByTestId('sync-status')).toContainText('1条待上传');

  await prompt.getByRole('button', { name: '立即更新' }).click();
  await expect(page.locator('meta[name="suishen-build"]')).toHaveAttribute('content', nextBuildId, { timeout: 30_000 });
  await expect(page.getByText('王*', { exact: true })).toBeVisible();
  await expect(page.getByTestId('sync-status')).toContainText('1条待上传');
  await page.getByRole('tab', { name: '抗原' }).click();
  await expect(page.getByRole('list', { name: '待上传' })).toContainText(kit);

  await context.unrouteAll({ behavior: 'wait' });
  await context.setOffline(true);
  await context.setOffline(false);
  await expect(page.getByTestId('sync-status')).not.toContainText('待上传', { timeout: 20_000 });
  expect(storedUploads(kit, dataDir)).toHaveLength(1);
});
