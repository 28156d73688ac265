import { chromium, expect, test } from '@playwright/test';
import { findChromium } from '../testing/browser/find-chromium.ts';
import { loginAsDemo } from '../testing/browser/e2e-support.ts';
import { storedUploads, uploadAntigen } from '../testing/browser/offline-support.ts';

test('a positive self-test leads to the guidance screen and is stored with its photo', async ({ page }) => {
  const kit = `阳性-${Date.now()}`;
  await loginAsDemo(page, 'd');
  await uploadAntigen(page, { result: '阳性', kit, lot: 'LOT-POS' });
  const guidance = page.getByRole('alert').filter({ hasText: '抗原结果为阳性' });
  await expect(guidance).toBeVisible();
  await expect(guidance).toContainText('居委会');
  await expect(guidance).toContainText('120');
  await expect.poll(() => storedUploads(kit).length, { timeout: 15_000 }).toBe(1);
  expect(storedUploads(kit)[0]?.result).toBe('positive');

  await guidance.getByRole('link', { name: '返回首页' }).click();
  await page.getByRole('tab', { name: '抗原' }).click();
  await expect(page.getByRole('tabpanel')).toContainText(kit);
});

test('a self-test whose strip agrees is 自测·已核验; one whose strip disagrees is kept as declared, 自测·待复核', async ({ page }) => {
  const agreeing = `核验-${Date.now()}`;
  const disagreeing = `复核-${Date.now()}`;
  await loginAsDemo(page, 'd');
  await uploadAntigen(page, { result: '阴性', kit: agreeing, lot: 'LOT-OK' });
  await expect.poll(() => storedUploads(agreeing).length, { timeout: 15_000 }).toBe(1);
  await page.goto('/');
  await uploadAntigen(page, { result: '阴性', kit: disagreeing, lot: 'LOT-REV', strip: { control: 1, test: 0.8 } });
  await expect.poll(() => storedUploads(disagreeing).length, { timeout: 15_000 }).toBe(1);
  expect(storedUploads(disagreeing)[0]?.result).toBe('negative');

  await page.goto('/');
  await page.getByRole('tab', { name: '抗原' }).click();
  const panel = page.getByRole('tabpanel');
  await expect(panel.getByRole('listitem').filter({ hasText: agreeing })).toContainText('自测·已核验');
  await expect(panel.getByRole('listitem').filter({ hasText: disagreeing })).toContainText('自测·待复核');
});

test('the form refuses what the server would refuse, with plain messages, and keeps what was typed', async ({ page }) => {
  await loginAsDemo(page, 'd');
  await page.getByRole('tab', { name: '抗原' }).click();
  await page.getByRole('link', { name: '上传抗原结果' }).click();

  await page.getByRole('button', { name: '保存并上传' }).click();
  await expect(page.getByText('请选择检测结果')).toBeVisible();
  await expect(page.getByText('请填写试剂品牌')).toBeVisible();
  await expect(page.getByText('请拍摄或选择检测卡照片')).toBeVisible();

  const time = page.getByLabel('检测时间（上海时间）');
  await time.fill('2099-01-01T08:00');
  await page.getByLabel('试剂品牌').fill('万孚');
  await page.getByRole('button', { name: '保存并上传' }).click();
  await expect(page.getByText('检测时间不能晚于现在')).toBeVisible();
  await time.fill('2022-04-01T08:00');
  await page.getByRole('button', { name: '保存并上传' }).click();
  await expect(page.getByText('只能上传7天内的检测结果')).toBeVisible();
  await expect(page.getByLabel('试剂品牌')).toHaveValue('万孚');

  const photo = page.getByLabel('检测卡照片');
  await photo.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a picture') });
  await expect(page.getByText('所选文件不是图片，请重新选择')).toBeVisible();
  await photo.setInputFiles({ name: 'broken.png', mimeType: 'image/png', buffer: Buffer.from('89504e470d0a1a0a0000000d4948445200000040', 'hex') });
  await expect(page.getByText('图片已损坏或无法读取，请重新拍摄')).toBeVisible();
  await expect(page.getByLabel('试剂品牌')).toHaveValue('万孚');
});

test('the app is installable: Chromium reports no installability errors', async ({ baseURL }, testInfo) => {
  const browser = findChromium();
  const context = await chromium.launchPersistentContext(testInfo.outputPath('profile'), {
    executablePath: browser.executablePath,
    args: browser.args,
    baseURL,
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto('/login');
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: unknown[] };
    expect(installabilityErrors).toEqual([]);
    const { url } = (await cdp.send('Page.getAppManifest')) as { url: string };
    expect(url).toMatch(/\/manifest\.webmanifest$/);
  } finally {
    await context.close();
  }
});
