import { expect, test, type Page } from '@playwright/test';
import { readShownCode } from '../testing/codes/health-code.ts';
import { loginAsDemo } from '../testing/browser/e2e-support.ts';

const hour = 3_600_000;

async function check(verifier: Page, code: string): Promise<void> {
  await verifier.getByLabel('二维码内容').fill(code);
  await verifier.getByRole('button', { name: '核验', exact: true }).click();
}

test('a phone 2 h ahead signs the server’s time; a verifier 2 h behind is corrected, and one set back offline cannot judge', async ({ page, browser, baseURL }) => {
  // The phone's clock runs two hours fast from the start: its answers from the server tell it so.
  await page.clock.install({ time: Date.now() + 2 * hour });
  await loginAsDemo(page, 'a');
  const code = await readShownCode(page);

  const staff = await browser.newContext({ baseURL, locale: 'zh-CN' });
  const verifier = await staff.newPage();
  await verifier.clock.install({ time: Date.now() - 2 * hour });
  await verifier.goto('/verify');
  await expect(verifier.getByRole('radio', { name: '离沪核验' })).toBeChecked();
  await staff.setOffline(true);
  await check(verifier, code);
  await expect(verifier.locator('.verdict')).toHaveClass(/verdict--pass/);
  await expect(verifier.locator('.verdict')).toContainText('张*三');

  // Offline, the verifier's clock is set back another two hours: it says so rather than judge.
  await verifier.clock.setFixedTime(Date.now() - 4 * hour);
  await verifier.getByRole('button', { name: '继续核验' }).click();
  await check(verifier, code);
  await expect(verifier.getByRole('alert')).toContainText('本机时间似乎不准，无法判断此码。');
  await expect(verifier.locator('.verdict--pass')).toHaveCount(0);
  await staff.close();
});
