/**
 * Trust levels end to end, on the real server and a real Chromium whose fake camera plays the kit's
 * DataMatrix and then a generated cassette, in a loop (testing/camera/cassette-video.ts):
 * (a) the kit's barcode read by the camera, the cassette photo taken by the app itself once it has found
 *     the cassette still in the frame (no shutter tapped), saved offline, synced, and shown as 自测·已核验 on
 *     the antigen tab, the panel's line, 离沪核验 and a verifier reading the phone's code;
 * (b) the same from the camera with a strip that disagrees with the declaration: 待复核 announced before
 *     upload, 自测·待复核 shown with why it does not count, 离沪核验 fails on it, then a reviewer (a provider
 *     key with scope antigen-review) confirms it and 离沪核验 passes.
 */
import { join } from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import type { Udi } from '../core/gs1.ts';
import { addProvider } from '../testing/server/server-process.ts';
import { launchWithCamera, phoneContext } from '../testing/camera/fake-camera.ts';
import { cameraSize, writeKitThenCassetteY4m } from '../testing/camera/cassette-video.ts';
import { checkOnOfflineVerifier, readShownCode, shownClaims } from '../testing/codes/health-code.ts';
import { e2eDataDir, waitForPersistedCache, waitForServiceWorker } from '../testing/browser/offline-support.ts';
import { loginAsDemo } from '../testing/browser/e2e-support.ts';

/**
 * A browser whose camera shows this kit and then a cassette with these lines. Seeds above a billion and a
 * slot per journey: no scene of this run is one the server has seen (cassettePhoto's seeds stay below).
 */
async function cameraShowing(udi: Udi, lines: { control: number; test: number }, slot: number): Promise<Browser> {
  const video = join(test.info().outputDir, 'kit-then-cassette.y4m');
  await writeKitThenCassetteY4m(video, udi, { seed: 1_000_000_000 + slot * 50_000_000 + (Date.now() % 50_000_000), lines });
  return launchWithCamera(video);
}

/** On the upload screen: the kit from the camera, then the cassette photo taken by the app, with `result` declared. */
async function kitAndCassetteFromCamera(page: Page, udi: Udi, result: '阴性' | '阳性') {
  await page.getByRole('button', { name: '扫描试剂盒条码' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已读取条码' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByLabel('序列号（21，SN）')).toHaveValue(udi.serial ?? '');
  await expect(page.getByLabel('试剂品牌')).toHaveValue('广州万孚生物技术股份有限公司');
  await page.getByRole('radio', { name: result }).check();

  await page.getByRole('button', { name: '用摄像头拍检测卡' }).click();
  const viewfinder = page.getByRole('region', { name: '检测卡取景框' });
  await expect(viewfinder).toBeVisible();
  await expect(viewfinder).toContainText('把检测卡放进框内');
  // Nothing is tapped: the app takes the photo once the cassette has been still in the frame, and closes the camera.
  await expect(page.getByText(/照片已压缩：\d+×\d+，\d+KB/)).toBeVisible({ timeout: 30_000 });
  await expect(viewfinder).toHaveCount(0);
  // The frame itself is the photo: the camera's size, under the upload's limits.
  await expect(page.getByText(/照片已压缩/)).toContainText(`${cameraSize.width}×${cameraSize.height}`);
  await expect(page.getByRole('button', { name: '重拍' })).toBeVisible();
}

test('a kit scanned by the camera and a cassette photo the app took, saved offline and synced, are 自测·已核验 on the panel, 离沪核验 and a verifier', async ({ baseURL }) => {
  test.setTimeout(180_000);
  if (!baseURL) throw new Error('baseURL is not set');
  const udi: Udi = { gtin: '06901234567892', expiresOn: '2099-12-31', lot: 'WF2204T', serial: `TR${Date.now().toString(36)}` };
  const browser = await cameraShowing(udi, { control: 1, test: 0 }, 0);
  try {
    const context = await phoneContext(browser, baseURL);
    const page = await context.newPage();
    // (e) has a fresh PCR and no antigen result: the antigen decides the leave-Shanghai rule.
    await loginAsDemo(page, 'e');
    await waitForServiceWorker(page);
    await waitForPersistedCache(page, 'demo-e');
    await page.getByRole('link', { name: '离沪核验' }).click();
    await expect(page.locator('.verdict')).toHaveClass(/verdict--fail/);
    await page.goto('/');

    await page.getByRole('tab', { name: '抗原' }).click();
    await page.getByRole('link', { name: '上传抗原结果' }).click();
    await expect(page.getByRole('heading', { name: '上传抗原自测结果' })).toBeVisible();
    await context.setOffline(true);

    await kitAndCassetteFromCamera(page, udi, '阴性');
    const opinion = page.locator('.strip-opinion');
    await expect(opinion).toContainText('照片识别：只有 C 线（阴性）', { timeout: 30_000 });
    await expect(opinion).toContainText('与您选择的结果一致');
    await page.getByRole('button', { name: '保存并上传' }).click();
    await expect(page.getByText('已保存。联网后会自动上传一次，无需重复提交。').first()).toBeVisible();
    await page.getByRole('link', { name: '返回首页' }).click();
    await expect(page.getByTestId('sync-status')).toContainText('1条待上传');
    await page.getByRole('tab', { name: '抗原' }).click();
    await expect(page.getByRole('tabpanel').getByRole('listitem').filter({ hasText: '待上传' })).toBeVisible();

    await context.setOffline(false);
    const record = page.getByRole('tabpanel').getByRole('listitem').filter({ hasText: udi.lot ?? '' });
    await expect(record).toContainText('自测·已核验', { timeout: 20_000 });
    await expect(record).not.toContainText('待上传');
    await expect(page.getByRole('tab', { name: '抗原' })).toContainText('自测·已核验');

    // The code the phone shows now carries the result with its level (index 1, self-verified). Scrolled to the top, so that the
    // sticky bar does not cover the QR; while the code is redrawn a screenshot may catch none: read again.
    await page.evaluate(() => window.scrollTo(0, 0));
    await expect.poll(async () => readShownCode(page).then((shown) => shownClaims(shown).antigen, () => null), { timeout: 30_000 }).toEqual([expect.any(Number), 1]);
    const code = await readShownCode(page);

    await page.getByRole('link', { name: '离沪核验' }).click();
    await expect(page.locator('.verdict')).toHaveClass(/verdict--pass/);
    const antigenLine = page.getByRole('listitem').filter({ hasText: '24小时内抗原阴性' });
    await expect(antigenLine).toHaveClass(/requirement--met/);
    await expect(antigenLine.locator('[data-trust="self-verified"]')).toContainText('自测·已核验');
    await expect(antigenLine.locator('[data-trust="self-verified"]')).toContainText('Self-test · verified');

    const { staff, verifier } = await checkOnOfflineVerifier(browser, baseURL, code);
    const verdict = verifier.locator('.verdict');
    await expect(verdict).toHaveClass(/verdict--pass/);
    await expect(verdict).toContainText('陈*');
    await expect(verdict.getByTestId('fact-antigen')).toContainText('阴性');
    await expect(verdict.getByTestId('fact-antigen')).toContainText('自测·已核验');
    await staff.close();
  } finally {
    await browser.close();
  }
});

test('a strip that disagrees is 自测·待复核 and fails 离沪核验 until a reviewer confirms it', async ({ baseURL }) => {
  test.setTimeout(180_000);
  if (!baseURL) throw new Error('baseURL is not set');
  const lot = `REV${Date.now().toString(36)}`;
  const udi: Udi = { gtin: '06901234567892', expiresOn: '2099-12-31', lot, serial: `RV${Date.now().toString(36)}` };
  // Declared negative; the strip on the camera shows a T line.
  const browser = await cameraShowing(udi, { control: 1, test: 0.8 }, 1);
  try {
    const page = await (await phoneContext(browser, baseURL)).newPage();
    // (f) has a fresh PCR and no antigen result.
    await loginAsDemo(page, 'f');
    await page.getByRole('tab', { name: '抗原' }).click();
    await page.getByRole('link', { name: '上传抗原结果' }).click();
    await kitAndCassetteFromCamera(page, udi, '阴性');
    const opinion = page.locator('.strip-opinion');
    await expect(opinion).toContainText('照片识别：C 线和 T 线都有（阳性）', { timeout: 30_000 });
    await expect(opinion).toContainText('与您选择的结果不一致');
    await expect(opinion).toContainText('待复核');
    // What the citizen declared stays declared.
    await expect(page.getByRole('radio', { name: '阴性' })).toBeChecked();
    await page.getByRole('button', { name: '保存并上传' }).click();
    await page.getByRole('link', { name: '返回首页' }).click();
    await page.getByRole('tab', { name: '抗原' }).click();
    const record = page.getByRole('tabpanel').getByRole('listitem').filter({ hasText: lot });
    await expect(record).toContainText('自测·待复核', { timeout: 20_000 });
    await expect(record).toContainText('阴性');
    await expect(record).toContainText('复核前不计入');

    await page.getByRole('link', { name: '离沪核验' }).click();
    await expect(page.locator('.verdict')).toHaveClass(/verdict--fail/);
    const antigenLine = page.getByRole('listitem').filter({ hasText: '24小时内抗原阴性' });
    await expect(antigenLine).toHaveClass(/requirement--unmet/);
    await expect(antigenLine).toContainText('自测·待复核，暂不计入');
    await expect(antigenLine.locator('[data-trust="self-review"]')).toContainText('自测·待复核');

    // A reviewer's key, added with the admin tool as an operator would; the reviewer sees the masked name only.
    const reviewer = `reviewer-${Date.now().toString(36)}`;
    const key = addProvider({ engine: 'sqlite', dataDir: e2eDataDir }, reviewer, 'antigen-review');
    const auth = { authorization: `Bearer ${key}` };
    const queue = (await (await fetch(`${baseURL}/api/review/antigen-tests`, { headers: auth })).json()) as { tests: { id: string; maskedName: string; lot: string; result: string; photo: unknown }[] };
    const item = queue.tests.find((test) => test.lot === lot);
    expect(item).toMatchObject({ maskedName: '张*婆', result: 'negative', photo: expect.objectContaining({ type: 'image/jpeg' }) });
    const decided = await fetch(`${baseURL}/api/review/antigen-tests/${encodeURIComponent(item?.id ?? '')}`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ decision: 'confirm' }),
    });
    expect(decided.status).toBe(200);

    await page.reload();
    await expect(page.locator('.verdict')).toHaveClass(/verdict--pass/);
    await expect(antigenLine.locator('[data-trust="self-verified"]')).toContainText('自测·已核验');
    await page.goto('/');
    await page.getByRole('tab', { name: '抗原' }).click();
    await expect(record).toContainText('自测·已核验');
    await expect(record).toContainText('已人工复核');
    // The citizen sees who looked.
    const log = (await (await page.request.get('/api/me/access-log')).json()) as { entries: { actor: { label: string }; purpose: string }[] };
    expect(log.entries.filter((entry) => entry.purpose === 'antigen-review').map((entry) => entry.actor.label)).toContain(reviewer);
  } finally {
    await browser.close();
  }
});
