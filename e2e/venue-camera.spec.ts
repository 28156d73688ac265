/**
 * The whole place-code path through a real camera stream: a venue registered in the app, its code
 * rendered into a .y4m that Chromium's fake camera plays, the scanner reading it, the result screen,
 * and the check-in in the server's SQLite. Then the same offline from a cold start through the service
 * worker: queued in the outbox, kept across a reload, synced exactly once when the network returns.
 */
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { launchWithCamera, phoneContext } from '../testing/camera/fake-camera.ts';
import { codeUrl, registerVenueInApp, serverCheckIns } from '../testing/codes/venues.ts';
import { writeQrY4m } from '../testing/camera/y4m.ts';
import { loginAsDemo } from '../testing/browser/e2e-support.ts';
import { readRow } from '../testing/browser/indexed-db.ts';

const venueName = '<img src=x onerror=alert(1)>南京东路书店';

/** When the citizen's query cache was last saved to IndexedDB (0 if never), read the way the persister writes it. */
async function persistedAt(page: Page, citizenId: string): Promise<number> {
  const row = (await readRow(page, 'query-cache', citizenId).catch(() => undefined)) as { savedAt?: number } | undefined;
  return row?.savedAt ?? 0;
}

async function expectResult(page: Page, state: '已登记' | '待上传') {
  await expect(page).toHaveURL(/\/check-ins\/[0-9a-f-]{36}$/, { timeout: 20_000 });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(venueName);
  await expect(page.getByRole('status').filter({ hasText: state })).toBeVisible();
}

test('a venue is registered, its poster scanned by the camera, the result shown and the check-in stored — online, then offline and synced once', async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  if (!baseURL) throw new Error('baseURL is not set');
  await loginAsDemo(page, 'a');
  const venue = await registerVenueInApp(page, venueName);
  // The poster: name as text (no element injected), the QR image, the number and both downloads.
  await expect(page.getByRole('heading', { level: 2, name: venueName })).toBeVisible();
  await expect(page.locator('.poster img[src^="data:image/svg"]')).toBeVisible();
  await expect(page.getByRole('link', { name: '下载 PNG' })).toHaveAttribute('download', `venue-${venue.number}.png`);
  await expect(page.getByRole('link', { name: '下载 SVG' })).toHaveAttribute('download', `venue-${venue.number}.svg`);
  const url = codeUrl(baseURL, venue);
  await expect(page.getByText(`二维码内容 ${url.length} 个字符`)).toBeVisible();

  const video = join(test.info().outputDir, 'venue.y4m');
  writeQrY4m(video, url);
  const browser = await launchWithCamera(video);
  try {
    const context = await phoneContext(browser, baseURL);
    // Keeps every camera stream the app opens, to check that leaving the scan screen stops it.
    await context.addInitScript(() => {
      const streams: MediaStream[] = [];
      Object.assign(window, { cameraStreams: streams });
      const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
      navigator.mediaDevices.getUserMedia = async (constraints) => {
        const stream = await original(constraints);
        streams.push(stream);
        return stream;
      };
    });
    const phone = await context.newPage();
    const foreign: string[] = [];
    const wasm: string[] = [];
    phone.on('request', (request) => {
      if (request.url().endsWith('.wasm')) wasm.push(request.url());
      if (!request.url().startsWith(new URL(baseURL).origin) && !request.url().startsWith('data:') && !request.url().startsWith('blob:')) {
        foreign.push(request.url());
      }
    });
    await loginAsDemo(phone, 'b');
    await phone.getByRole('link', { name: '扫一扫' }).click();
    await expectResult(phone, '已登记');
    await expect
      .poll(() =>
        phone.evaluate(() => {
          const streams = (window as unknown as { cameraStreams: MediaStream[] }).cameraStreams;
          return streams.length > 0 && streams.every((stream) => stream.getTracks().every((track) => track.readyState === 'ended'));
        }),
      )
      .toBe(true);
    await expect(phone.locator('img[src="x"]')).toHaveCount(0);
    await expect(phone.getByText('李*海 · 绿码')).toBeVisible();
    await expect(phone.locator('.check-in-result__facts')).toContainText('72小时 阴性');
    const clock = phone.locator('.live-clock__time');
    const shown = await clock.innerText();
    await expect(clock).not.toHaveText(shown, { timeout: 3000 });

    const online = serverCheckIns(venue.number);
    expect(online).toHaveLength(1);
    expect(online[0]?.citizen_id).toBe('demo-b');
    expect(phone.url()).toContain(online[0]?.id ?? 'missing');

    // Offline, from a cold start: the service worker serves the app, the scanner chunk and the .wasm;
    // the scan is verified from cached keys, queued in the outbox and shown as waiting.
    await phone.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await phone.reload();
    await expect.poll(() => phone.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    // The panel's data must be persisted for an offline cold start: wait until the query cache is saved.
    await phone.goto('/');
    await expect(phone.getByRole('link', { name: '扫一扫' })).toBeVisible();
    const shownAt = Date.now();
    await expect.poll(() => persistedAt(phone, 'demo-b'), { timeout: 15_000 }).toBeGreaterThanOrEqual(shownAt);
    await context.setOffline(true);
    await phone.goto('/');
    await phone.getByRole('link', { name: '扫一扫' }).click();
    await expectResult(phone, '待上传');
    await expect(phone.getByText('已保存在本机，联网后自动上传。')).toBeVisible();
    const queuedId = /\/check-ins\/([0-9a-f-]{36})$/.exec(phone.url())?.[1] ?? '';
    // It survives a reload while still offline, and the server has not seen it.
    await phone.reload();
    await expectResult(phone, '待上传');
    expect(serverCheckIns(venue.number)).toHaveLength(1);

    await context.setOffline(false);
    await expect(phone.getByRole('status').filter({ hasText: '已登记' })).toBeVisible({ timeout: 20_000 });
    await expect.poll(() => serverCheckIns(venue.number).map((row) => row.id)).toEqual([online[0]?.id, queuedId]);

    // Syncing again (a reload, the history screen) must not store it twice.
    await phone.reload();
    await phone.goto('/check-ins');
    await expect(phone.getByRole('listitem').filter({ hasText: venueName })).toHaveCount(2);
    await expect(phone.getByText('扫码记录在本机和服务器上保存14天，之后自动删除。')).toBeVisible();
    expect(serverCheckIns(venue.number)).toHaveLength(2);
    expect(foreign).toEqual([]);
    // The ZXing decoder came from this origin, never from its default CDN.
    expect(wasm.length).toBeGreaterThan(0);
    for (const url of wasm) expect(url.startsWith(`${new URL(baseURL).origin}/assets/zxing_reader-`)).toBe(true);
    await context.close();
  } finally {
    await browser.close();
  }
});
