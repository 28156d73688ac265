/** The place-code and kiosk screens under axe's WCAG 2.x A/AA rules, in 中文, English and large text. */
import { expect, test } from '@playwright/test';
import { approveVenue, licenseKiosk } from '../testing/server/operator-client.ts';
import { demoDependant } from '../testing/server/test-client.ts';
import { registerVenueInApp } from '../testing/codes/venues.ts';
import { expectNoViolations, loginAsDemo } from '../testing/browser/e2e-support.ts';

const modes = [
  { name: '中文', language: 'zh', textSize: 'standard' },
  { name: 'English', language: 'en', textSize: 'standard' },
  { name: '大字模式', language: 'zh', textSize: 'large' },
] as const;

test('venue owner, poster, check-in result, history and refusal screens have no WCAG A/AA violations', async ({ page }) => {
  test.setTimeout(120_000);
  await loginAsDemo(page, 'a');
  const venue = await registerVenueInApp(page, '人民广场地铁站');
  for (const mode of modes) {
    await page.evaluate(({ language, textSize }) => {
      localStorage.setItem('suishen.language', language);
      localStorage.setItem('suishen.text-size', textSize);
    }, mode);
    await page.goto('/venues');
    await expect(page.getByRole('heading', { name: '人民广场地铁站' })).toBeVisible();
    await expectNoViolations(page, `${mode.name} /venues`);

    await page.goto(`/venues/${venue.number}/poster`);
    await expect(page.locator('.poster img')).toBeVisible();
    await expectNoViolations(page, `${mode.name} poster`);

    await page.goto(`/v?c=${venue.token}`);
    // Nothing is logged until the tap (issue 22): the venue is shown first.
    await expect(page.getByRole('heading', { level: 2, name: '人民广场地铁站' })).toBeVisible();
    await expectNoViolations(page, `${mode.name} confirm`);
    await page.getByRole('button', { name: /^(确认登记|Check in)$/ }).click();
    await expect(page).toHaveURL(/\/check-ins\/[0-9a-f-]{36}$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('人民广场地铁站');
    await expect(page.locator('.check-in-result__facts dd').nth(1)).not.toHaveText(/加载|Loading/);
    await expectNoViolations(page, `${mode.name} result`);

    await page.goto('/check-ins');
    await expect(page.getByRole('listitem').first()).toBeVisible();
    await expectNoViolations(page, `${mode.name} history`);

    await page.goto('/v?c=v1.x.y');
    await expect(page.getByRole('alert')).toBeVisible();
    await expectNoViolations(page, `${mode.name} refusal`);
  }
});

test('the 数字哨兵 kiosk, unpaired, waiting and showing an ID-number verdict, has no WCAG A/AA violations', async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const owner = await browser.newContext({ baseURL });
  const kioskContext = await browser.newContext({ baseURL });
  try {
    const ownerPage = await owner.newPage();
    await loginAsDemo(ownerPage, 'a');
    const venue = await registerVenueInApp(ownerPage, '虹桥火车站');
    // A kiosk is licensed by the district, at an approved venue, to take typed ID numbers.
    await approveVenue(baseURL ?? '', venue.number);
    const paired = (await (await ownerPage.request.post(`/api/venues/${venue.number}/kiosks`, { data: { label: '南广场' } })).json()) as { kiosk: { id: string }; pairingToken: string };
    await licenseKiosk(baseURL ?? '', paired.kiosk.id, { typedIdAllowed: true });
    const kiosk = await kioskContext.newPage();
    for (const mode of modes) {
      await kiosk.goto('/login');
      await kiosk.evaluate(({ language, textSize }) => {
        localStorage.setItem('suishen.language', language);
        localStorage.setItem('suishen.text-size', textSize);
      }, mode);
      if (mode === modes[0]) {
        await kiosk.goto('/kiosk');
        await expect(kiosk.getByRole('heading', { level: 1 })).toHaveText('这台设备还不是数字哨兵');
        await expectNoViolations(kiosk, `${mode.name} kiosk unpaired`);
        await kiosk.goto(`/kiosk#pair=${encodeURIComponent(paired.pairingToken)}`);
      } else {
        await kiosk.goto('/kiosk');
      }
      await expect(kiosk.getByRole('heading', { name: '虹桥火车站' })).toBeVisible();
      await expectNoViolations(kiosk, `${mode.name} kiosk waiting`);
      const field = kiosk.getByRole('textbox');
      await field.fill(demoDependant.idNumber);
      await field.press('Enter');
      await expect(kiosk.getByTestId('kiosk-verdict')).toBeVisible();
      await expectNoViolations(kiosk, `${mode.name} kiosk verdict`);
    }
  } finally {
    await kioskContext.close();
    await owner.close();
  }
});
