/**
 * The ID card reader at a kiosk, end to end in the built app: Web Serial is the test reader
 * (testing/fake-serial-port.ts, the one stand-in: no USB reader can be attached here), everything behind it is
 * real. A card placed is read and looked up, the pass logged once; a card taken away clears the screen; a bad
 * checksum is asked again; the reader unplugged says so and is taken up again when plugged back in.
 */
import { approveVenue, licenseKiosk } from '../testing/server/operator-client.ts';
import { expect, test, type Page } from '@playwright/test';
import type { CheckIn } from '../core/contract/venues.ts';
import { fakeSerialInitScript } from '../testing/fake-serial-script.ts';
import { expectNoViolations, loginAsDemo } from '../testing/browser/e2e-support.ts';

type Hands = 'placeCard' | 'removeCard' | 'corruptNextAnswer' | 'unplug' | 'plugIn';
const reader = (page: Page, action: Hands, card?: 'grandma' | 'wang') =>
  page.evaluate(
    ([name, which]) => {
      const w = window as unknown as { fakeCardReader: Record<string, (card?: unknown) => void>; fakeCards: Record<string, unknown> };
      w.fakeCardReader[name]?.(which ? w.fakeCards[which] : undefined);
    },
    [action, card] as const,
  );

test('a kiosk reads an ID card through the USB reader: placed, looked up and logged once; removed, unplugged, plugged back in', async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  if (!baseURL) throw new Error('baseURL is not set');
  const owner = await browser.newContext({ baseURL });
  const ownerPage = await owner.newPage();
  await loginAsDemo(ownerPage, 'a');
  const registered = await ownerPage.request.post('/api/venues', { data: { name: '读卡器测试店', district: '徐汇区', address: '漕溪北路 1 号', kind: 'shop' } });
  const venue = ((await registered.json()) as { venue: { number: string } }).venue.number;
  // A venue is approved and its kiosk licensed by the district (docs/authority.md), here through the console's API.
  await approveVenue(new URL(ownerPage.url()).origin, venue);
  const paired = (await (await ownerPage.request.post(`/api/venues/${venue}/kiosks`, { data: { label: '前台读卡器' } })).json()) as { kiosk: { id: string }; pairingToken: string };
  await licenseKiosk(new URL(ownerPage.url()).origin, paired.kiosk.id);
  const grandma = await browser.newContext({ baseURL });
  const grandmaPage = await grandma.newPage();
  await loginAsDemo(grandmaPage, 'f');

  const context = await browser.newContext({ baseURL });
  await context.addInitScript({ content: fakeSerialInitScript() });
  const kiosk = await context.newPage();
  try {
    await kiosk.goto(`/kiosk#pair=${encodeURIComponent(paired.pairingToken)}`);
    await expect(kiosk.getByRole('heading', { name: '读卡器测试店' })).toBeVisible();
    await kiosk.getByRole('button', { name: '读身份证' }).click();
    const panel = kiosk.getByRole('region', { name: '身份证读卡器' });
    await expect(panel.getByRole('status')).toContainText('用 USB 接上身份证读卡器');
    await panel.getByRole('button', { name: '连接读卡器' }).click();
    await expect(panel.getByRole('status')).toHaveText('请放置身份证');

    // One answer's checksum broken on the way: asked again, never taken.
    await reader(kiosk, 'corruptNextAnswer');
    await reader(kiosk, 'placeCard', 'grandma');
    await expect(panel.getByTestId('document-read')).toContainText('张*婆');
    await expect(panel.getByTestId('document-read')).toContainText('310***********4564');
    await expect(panel.getByTestId('document-read')).toContainText('居民身份证');
    const verdict = kiosk.getByTestId('kiosk-verdict');
    await expect(verdict).toContainText('通过');
    await expect(verdict).toContainText('张*婆');
    await expect(verdict).toContainText('已登记');
    await expectNoViolations(kiosk, 'kiosk with a card read');

    // Taken away: nobody's card stays on the screen.
    await reader(kiosk, 'removeCard');
    await expect(panel.getByRole('status')).toHaveText('请放置身份证');
    await expect(panel.getByTestId('document-read')).toHaveCount(0);

    const visits = async () => ((await (await grandmaPage.request.get('/api/check-ins')).json()) as { checkIns: CheckIn[] }).checkIns.filter((checkIn) => checkIn.venueNumber === venue).length;
    await expect.poll(visits).toBe(1);

    // The cable pulled: said plainly; plugged back in: taken up again without a tap.
    await reader(kiosk, 'unplug');
    await expect(panel.getByRole('alert')).toHaveText('读卡器已断开。重新插上后会自动连接。');
    await reader(kiosk, 'plugIn');
    await expect(panel.getByRole('status')).toHaveText('请放置身份证');

    // A yellow code's card reads fine and does not pass.
    await reader(kiosk, 'placeCard', 'wang');
    await expect(verdict).toContainText('不通过');
    await expect(verdict).toContainText('王*');

    // In English, for the foreign traveller behind them.
    await kiosk.getByRole('button', { name: /^English/ }).click();
    await reader(kiosk, 'removeCard');
    await expect(kiosk.getByRole('region', { name: 'ID card reader' }).getByRole('status')).toHaveText('Place the ID card on the reader');
  } finally {
    await context.close();
    await grandma.close();
    await owner.close();
  }
});

test('a browser without Web Serial says which browsers can use the reader', async ({ browser, baseURL }) => {
  if (!baseURL) throw new Error('baseURL is not set');
  const owner = await browser.newContext({ baseURL });
  const ownerPage = await owner.newPage();
  await loginAsDemo(ownerPage, 'a');
  const registered = await ownerPage.request.post('/api/venues', { data: { name: '无串口测试店', district: '徐汇区', address: '漕溪北路 2 号', kind: 'shop' } });
  const venue = ((await registered.json()) as { venue: { number: string } }).venue.number;
  // A venue is approved and its kiosk licensed by the district (docs/authority.md), here through the console's API.
  await approveVenue(new URL(ownerPage.url()).origin, venue);
  const paired = (await (await ownerPage.request.post(`/api/venues/${venue}/kiosks`, { data: { label: '平板' } })).json()) as { kiosk: { id: string }; pairingToken: string };
  await licenseKiosk(new URL(ownerPage.url()).origin, paired.kiosk.id);
  const context = await browser.newContext({ baseURL });
  // Chromium's own Web Serial taken away, as Safari or Firefox would have none.
  await context.addInitScript(() => Object.defineProperty(navigator, 'serial', { value: undefined, configurable: true }));
  const kiosk = await context.newPage();
  try {
    await kiosk.goto(`/kiosk#pair=${encodeURIComponent(paired.pairingToken)}`);
    await kiosk.getByRole('button', { name: '读身份证' }).click();
    await expect(kiosk.getByRole('alert')).toHaveText('这个浏览器不能连接读卡器。请在电脑上用 Chrome 或 Edge 浏览器，或在安卓设备上用 Chrome 打开本页。');
    await expect(kiosk.getByRole('button', { name: '连接读卡器' })).toHaveCount(0);
    await expectNoViolations(kiosk, 'kiosk without Web Serial');
  } finally {
    await context.close();
    await owner.close();
  }
});
