/**
 * The kit's own barcode through a real camera stream: a GS1 DataMatrix and a GS1-128, drawn by ZXing's
 * writer from a kit's UDI into a .y4m that Chromium's fake camera plays, read by the upload screen's
 * scanner, and the form filled from it with the approved kit named; an expired kit refused with its date.
 */
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { Udi } from '../core/gs1.ts';
import { launchWithCamera, phoneContext } from '../testing/camera/fake-camera.ts';
import { gs1Symbol, symbolLuma, type Gs1Format } from '../testing/images/gs1-barcode.ts';
import { writeLumaY4m } from '../testing/camera/y4m.ts';
import { cassettePhoto } from '../testing/browser/offline-support.ts';
import { loginAsDemo } from '../testing/browser/e2e-support.ts';

const width = 960;
const height = 540;

/** Opens the upload screen on a phone whose camera shows the UDI as `format`, and taps the scan button. */
async function scanKit(baseURL: string, udi: Udi, format: Gs1Format, run: (page: Page) => Promise<void>) {
  const symbol = await gs1Symbol(udi, format);
  const luma = format === 'Code128' ? symbolLuma(symbol, width, height, 2, 160) : symbolLuma(symbol, width, height, 12, undefined, 2);
  const video = join(test.info().outputDir, `kit-${format}.y4m`);
  writeLumaY4m(video, luma, { width, height });
  const browser = await launchWithCamera(video);
  try {
    const page = await (await phoneContext(browser, baseURL)).newPage();
    await loginAsDemo(page, 'e');
    await page.getByRole('tab', { name: '抗原' }).click();
    await page.getByRole('link', { name: '上传抗原结果' }).click();
    await expect(page.getByRole('heading', { name: '上传抗原自测结果' })).toBeVisible();
    await page.getByRole('button', { name: '扫描试剂盒条码' }).click();
    await run(page);
  } finally {
    await browser.close();
  }
}

test('a DataMatrix on the pouch fills the kit fields and names the approved kit', async ({ baseURL }) => {
  test.setTimeout(90_000);
  if (!baseURL) throw new Error('baseURL is not set');
  const udi: Udi = { gtin: '06901234567892', expiresOn: '2099-12-31', lot: 'WF2204A', serial: `DM${Date.now().toString(36)}` };
  await scanKit(baseURL, udi, 'DataMatrix', async (page) => {
    await expect(page.getByRole('status').filter({ hasText: '已读取条码' })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByLabel('产品编码（01 后的数字）')).toHaveValue(udi.gtin);
    await expect(page.getByLabel('序列号（21，SN）')).toHaveValue(udi.serial ?? '');
    await expect(page.getByLabel('有效期至（17，EXP）')).toHaveValue('2099-12-31');
    await expect(page.getByLabel('批号（LOT）')).toHaveValue('WF2204A');
    await expect(page.getByLabel('试剂品牌')).toHaveValue('广州万孚生物技术股份有限公司');
    await expect(page.getByText('已备案试剂：广州万孚生物技术股份有限公司 · 新型冠状病毒抗原检测试剂盒（胶体金法）')).toBeVisible();
    // The camera is closed once the kit is read.
    await expect(page.getByRole('region', { name: '摄像头取景框' })).toHaveCount(0);
  });
});

test('a GS1-128 bar code on the box fills the form too, without a serial', async ({ baseURL }) => {
  test.setTimeout(90_000);
  if (!baseURL) throw new Error('baseURL is not set');
  const udi: Udi = { gtin: '06930000000011', expiresOn: '2099-06-30', lot: 'BGI7', serial: null };
  await scanKit(baseURL, udi, 'Code128', async (page) => {
    await expect(page.getByRole('status').filter({ hasText: '已读取条码' })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByLabel('产品编码（01 后的数字）')).toHaveValue(udi.gtin);
    await expect(page.getByLabel('有效期至（17，EXP）')).toHaveValue('2099-06-30');
    await expect(page.getByLabel('批号（LOT）')).toHaveValue('BGI7');
    await expect(page.getByText(/已备案试剂：深圳华大因源医药科技有限公司/)).toBeVisible();
  });
});

test('an expired kit is refused the moment it is scanned, with its expiry date, and nothing is filled', async ({ baseURL }) => {
  test.setTimeout(90_000);
  if (!baseURL) throw new Error('baseURL is not set');
  const udi: Udi = { gtin: '06901234567892', expiresOn: '2022-03-31', lot: 'OLD1', serial: 'OLD-1' };
  await scanKit(baseURL, udi, 'DataMatrix', async (page) => {
    await expect(page.getByRole('alert').filter({ hasText: '该试剂盒已于 2022-03-31 过期' })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByLabel('产品编码（01 后的数字）')).toHaveValue('');
    await expect(page.getByLabel('序列号（21，SN）')).toHaveValue('');
  });
});

test('the strip is read in the browser, off the main thread, and a disagreement is announced as 待复核 before upload without changing the choice', async ({ page }) => {
  test.setTimeout(90_000);
  const workers: string[] = [];
  page.on('request', (request) => {
    if (/strip-worker/.test(request.url())) workers.push(request.url());
  });
  await loginAsDemo(page, 'e');
  await page.getByRole('tab', { name: '抗原' }).click();
  await page.getByRole('link', { name: '上传抗原结果' }).click();
  const negative = page.getByRole('radio', { name: '阴性' });
  await negative.check();
  await page.getByLabel('检测卡照片').setInputFiles({ name: 'cassette.png', mimeType: 'image/png', buffer: cassettePhoto(424242, { control: 1, test: 0.8 }) });
  const opinion = page.locator('.strip-opinion');
  await expect(opinion).toContainText('照片识别：C 线和 T 线都有（阳性）', { timeout: 30_000 });
  await expect(opinion).toContainText('与您选择的结果不一致');
  await expect(opinion).toContainText('待复核');
  // What the citizen chose stays chosen.
  await expect(negative).toBeChecked();
  expect(workers.length).toBeGreaterThan(0);

  await page.getByRole('radio', { name: '阳性' }).check();
  await expect(opinion).toContainText('与您选择的结果一致');
  await expect(opinion).not.toContainText('待复核');
});

test('with no cassette in view the app takes no photo by itself; the shutter takes the frame, its strip cannot be read, and 重拍 opens the camera again', async ({ baseURL }) => {
  test.setTimeout(90_000);
  if (!baseURL) throw new Error('baseURL is not set');
  const udi: Udi = { gtin: '06901234567892', expiresOn: '2099-12-31', lot: 'WF2204S', serial: `SH${Date.now().toString(36)}` };
  await scanKit(baseURL, udi, 'DataMatrix', async (page) => {
    await expect(page.getByRole('status').filter({ hasText: '已读取条码' })).toBeVisible({ timeout: 30_000 });
    await page.getByRole('radio', { name: '阴性' }).check();
    await page.getByRole('button', { name: '用摄像头拍检测卡' }).click();
    const viewfinder = page.getByRole('region', { name: '检测卡取景框' });
    // The guidance is a live region, so that it is spoken as it changes.
    await expect(viewfinder.getByRole('status')).toHaveText('把检测卡放进框内，对准后会自动拍照', { timeout: 30_000 });
    const caption = page.getByText(/照片已压缩：\d+×\d+，\d+KB/);
    // The pouch's barcode is light and square, not a cassette: frames go by and nothing is taken.
    await page.waitForTimeout(2_000);
    await expect(caption).toHaveCount(0);
    await expect(viewfinder).toContainText('把检测卡放进框内');

    await viewfinder.getByRole('button', { name: '拍照' }).click();
    await expect(caption).toContainText(`${width}×${height}`, { timeout: 20_000 });
    await expect(viewfinder).toHaveCount(0);
    const opinion = page.locator('.strip-opinion');
    await expect(opinion).toContainText('照片识别：无法识别', { timeout: 30_000 });
    await expect(opinion).toContainText('待复核');

    await page.getByRole('button', { name: '重拍' }).click();
    await expect(viewfinder).toContainText('把检测卡放进框内', { timeout: 30_000 });
    await page.getByRole('button', { name: '关闭摄像头' }).click();
    await expect(viewfinder).toHaveCount(0);
    // The photo taken stays until another replaces it.
    await expect(caption).toBeVisible();
  });
});

test('without a camera the upload screen says why and the photo still comes from the album', async ({ page }) => {
  test.setTimeout(90_000);
  await loginAsDemo(page, 'e');
  await page.getByRole('tab', { name: '抗原' }).click();
  await page.getByRole('link', { name: '上传抗原结果' }).click();
  // This browser has no camera (or may not use one): either way each message points to what still works on this screen.
  await page.getByRole('button', { name: '扫描试剂盒条码' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '在下方手动输入' })).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: '用摄像头拍检测卡' }).click();
  // One camera at a time: opening this one closed the kit scanner.
  await expect(page.getByRole('alert').filter({ hasText: '在下方手动输入' })).toHaveCount(0);
  await expect(page.getByRole('alert').filter({ hasText: '在下方从相册选择照片' })).toBeVisible({ timeout: 30_000 });
  await page.getByLabel('从相册选择检测卡照片').setInputFiles({ name: 'cassette.png', mimeType: 'image/png', buffer: cassettePhoto(434343) });
  await expect(page.getByText(/照片已压缩：\d+×\d+，\d+KB/)).toBeVisible({ timeout: 20_000 });
  await expect(page.locator('.strip-opinion')).toContainText('照片识别：只有 C 线（阴性）', { timeout: 30_000 });
});
