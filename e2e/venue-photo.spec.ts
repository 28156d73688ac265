/**
 * The fallbacks and refusals of the scan screen in a browser with no usable camera: a photo of the
 * poster (the PNG the poster page downloads), the venue number, codes that are not this app's venue
 * codes, and the deep link a phone's own camera app opens.
 */
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { textToBase64url } from '../core/crypto/base64url.ts';
import { ecdsa, signToken } from '../core/crypto/signed-token.ts';
import { qrPng } from '../testing/images/qr-png.ts';
import { codeUrl, registerVenueInApp, serverCheckIns } from '../testing/codes/venues.ts';
import { loginAsDemo } from '../testing/browser/e2e-support.ts';

async function uploadPhoto(page: Page, name: string, buffer: Buffer, mimeType = 'image/png') {
  await page.locator('input[type="file"]').setInputFiles({ name, mimeType, buffer });
}

test('with no camera the scan screen says so, and a photo of the poster checks in', async ({ page, baseURL }) => {
  if (!baseURL) throw new Error('baseURL is not set');
  // What the result screen says aloud, as venue kiosks did.
  await page.addInitScript(() => {
    const spoken: string[] = [];
    Object.assign(window, { spoken });
    window.speechSynthesis.speak = (utterance) => {
      spoken.push(utterance.text);
    };
  });
  await loginAsDemo(page, 'c');
  const venue = await registerVenueInApp(page, '静安寺地铁站');
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: '下载 PNG' }).click();
  const png = await readFile(await (await download).path());

  await page.goto('/scan');
  // No camera in this browser: a clear message that points at the fallbacks, not a frozen viewfinder.
  await expect(page.getByRole('alert').filter({ hasText: '照片' })).toBeVisible({ timeout: 15_000 });
  await uploadPhoto(page, 'poster.png', png);
  await expect(page).toHaveURL(/\/check-ins\/[0-9a-f-]{36}$/, { timeout: 15_000 });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('静安寺地铁站');
  await expect(page.getByRole('status').filter({ hasText: '已登记' })).toBeVisible();
  await expect.poll(() => page.evaluate(() => (window as unknown as { spoken: string[] }).spoken.at(-1))).toBe('黄码，已登记');
  await expect.poll(() => serverCheckIns(venue.number).map((row) => row.citizen_id)).toEqual(['demo-c']);
  expect(codeUrl(baseURL, venue).length).toBeLessThan(300);
});

test('a photo picked before the signing keys have arrived is judged once they do, not left reading', async ({ page, baseURL }) => {
  if (!baseURL) throw new Error('baseURL is not set');
  await loginAsDemo(page, 'b');
  const venue = await registerVenueInApp(page, '陆家嘴书店');
  // A slow signal: the keys answer only after the photo has been read.
  let releaseKeys = () => {};
  const keysHeld = new Promise<void>((resolve) => (releaseKeys = resolve));
  await page.route('**/api/keys', async (route) => {
    await keysHeld;
    await route.continue();
  });
  await page.goto('/scan');
  await uploadPhoto(page, 'poster.png', await qrPng(codeUrl(baseURL, venue)));
  await expect(page.getByRole('alert').filter({ hasText: '正在识别照片…' })).toBeVisible();
  // The decoder has had the photo; only the keys are missing now.
  await expect(page.locator('input[type="file"]')).toBeEnabled({ timeout: 15_000 });
  releaseKeys();
  await expect(page).toHaveURL(/\/check-ins\/[0-9a-f-]{36}$/, { timeout: 15_000 });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('陆家嘴书店');
  await expect.poll(() => serverCheckIns(venue.number).map((row) => row.citizen_id)).toEqual(['demo-b']);
});

test('each code that is not a valid venue code of this app is refused with its own message', async ({ page, baseURL }) => {
  if (!baseURL) throw new Error('baseURL is not set');
  await loginAsDemo(page, 'a');
  const venue = await registerVenueInApp(page, '外滩美术馆');
  const [version, kid, payload] = venue.token.split('.');
  const forger = await crypto.subtle.generateKey(ecdsa, false, ['sign', 'verify']);
  const forged = await signToken(forger.privateKey, kid ?? '', { t: 'venue', id: venue.number, n: '外滩美术馆', d: '黄浦区', a: '虎丘路20号' });
  const renamed = `${version ?? ''}.${kid ?? ''}.${textToBase64url(JSON.stringify({ t: 'venue', id: venue.number, n: '假场所', d: '黄浦区', a: 'x' }))}.${venue.token.split('.')[3] ?? ''}`;
  const origin = new URL(baseURL).origin;

  await page.goto('/scan');
  const cases: [string, string][] = [
    [`https://example.com/v?c=${venue.token}`, '这是其他网站的链接，不是随申码场所码。'],
    [`${origin}/v?c=${forged}`, '场所码签名无效，可能是伪造的，请勿登记。'],
    [`${origin}/v?c=${renamed}`, '场所码签名无效，可能是伪造的，请勿登记。'],
    ['只是一段文字', '这是一段文字，不是场所码。'],
    ['SSM1~v1.k.e30.sig~1650000000~sig', '这是个人健康码，不是场所码。'],
    [`${origin}/v?c=${version ?? ''}.${kid ?? ''}.${payload ?? ''}`, '场所码不完整，请对准整个二维码重新扫描。'],
  ];
  for (const [text, message] of cases) {
    await uploadPhoto(page, 'code.png', await qrPng(text));
    await expect(page.getByRole('alert').filter({ hasText: message })).toBeVisible();
    await expect(page).toHaveURL(/\/scan$/);
  }
  // A photo with no code in it, and a file that is no image at all.
  await uploadPhoto(page, 'blank.png', Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mP8/x8AAwMCAO+ip1sAAAAASUVORK5CYII=', 'base64'));
  await expect(page.getByRole('alert').filter({ hasText: '照片中没有找到二维码' })).toBeVisible();
  await uploadPhoto(page, 'notes.png', Buffer.from('not an image'), 'image/png');
  await expect(page.getByRole('alert').filter({ hasText: '无法打开这张图片' })).toBeVisible();
  expect(serverCheckIns(venue.number)).toEqual([]);

  // A forged code opened as a link is refused the same way, and nothing is stored.
  await page.goto(`/v?c=${forged}`);
  await expect(page.getByRole('alert')).toContainText('场所码签名无效');
  expect(serverCheckIns(venue.number)).toEqual([]);
});

test('typing the venue number checks in; a wrong number is refused', async ({ page }) => {
  await loginAsDemo(page, 'e');
  const venue = await registerVenueInApp(page, '徐家汇书院');
  await page.goto('/scan');
  const field = page.getByLabel('输入场所编码（海报二维码下方的8位数字）');
  await field.fill('12ab');
  await page.getByRole('button', { name: '登记', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: '请输入8位数字场所编码。' })).toBeVisible();
  await field.fill(venue.number === '00000001' ? '00000002' : '00000001');
  await page.getByRole('button', { name: '登记', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: '没有找到这个场所编码' })).toBeVisible();
  await field.fill(venue.number);
  await page.getByRole('button', { name: '登记', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('徐家汇书院');
  await expect.poll(() => serverCheckIns(venue.number).map((row) => row.citizen_id)).toEqual(['demo-e']);
});

test('the venue URL opened from the phone camera app lands on the result screen after login', async ({ page, browser, baseURL }) => {
  if (!baseURL) throw new Error('baseURL is not set');
  await loginAsDemo(page, 'a');
  const venue = await registerVenueInApp(page, '豫园商城');

  const stranger = await browser.newContext({ baseURL, viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
  const phone = await stranger.newPage();
  await phone.goto(codeUrl(baseURL, venue));
  await expect(phone).toHaveURL(/\/login\?next=%2Fv%3Fc%3Dv1\./);
  await phone.getByRole('button', { name: /^演示 李\*海/ }).click();
  // The link shows the venue and waits for the tap: opening a link alone checks no one in (issue 22).
  await expect(phone.getByRole('heading', { level: 2, name: '豫园商城' })).toBeVisible({ timeout: 15_000 });
  expect(serverCheckIns(venue.number)).toEqual([]);
  await phone.getByRole('button', { name: '确认登记' }).click();
  await expect(phone).toHaveURL(/\/check-ins\/[0-9a-f-]{36}$/, { timeout: 15_000 });
  await expect(phone.getByRole('heading', { level: 1 })).toHaveText('豫园商城');
  await expect(phone.getByRole('status').filter({ hasText: '已登记' })).toBeVisible();
  // A reload shows the same check-in; it does not check in again.
  await phone.reload();
  await expect(phone.getByRole('heading', { level: 1 })).toHaveText('豫园商城');
  expect(serverCheckIns(venue.number).map((row) => row.citizen_id)).toEqual(['demo-b']);
  await stranger.close();
});
