import { join } from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { launchWithCamera, phoneContext } from '../testing/camera/fake-camera.ts';
import { readShownCode, withColour } from '../testing/codes/health-code.ts';
import { writeQrY4m } from '../testing/camera/y4m.ts';
import { loginAsDemo } from '../testing/browser/e2e-support.ts';

/** A staff phone whose camera films `code` (written to a .y4m), on the verifier screen. */
async function staffPhone(code: string, name: string, baseURL: string): Promise<{ browser: Browser; staff: Page }> {
  const video = join(test.info().outputDir, `${name}.y4m`);
  writeQrY4m(video, code);
  const browser = await launchWithCamera(video);
  const context = await phoneContext(browser, baseURL);
  const staff = await context.newPage();
  await staff.goto('/verify');
  return { browser, staff };
}

test('the staff camera reads the code off citizen (a)’s screen: PASS offline, refused as stale 95 s later, refused recoloured', async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  if (!baseURL) throw new Error('baseURL is not set');
  await loginAsDemo(page, 'a');
  const code = await readShownCode(page);

  const { browser, staff } = await staffPhone(code, 'citizen-a', baseURL);
  try {
    const verdict = staff.locator('.verdict');
    await expect(verdict).toHaveClass(/verdict--pass/, { timeout: 20_000 });
    // From here the verifier has no network: the next scans are checked from cached keys and rules.
    await staff.context().setOffline(true);
    await staff.getByRole('button', { name: '继续核验' }).click();
    await expect(verdict).toHaveClass(/verdict--pass/, { timeout: 20_000 });
    await expect(verdict).toContainText('通过');
    await expect(verdict).toContainText('张*三');
    await expect(staff.getByText('本机已核验 2 次')).toBeVisible();

    await staff.clock.setFixedTime(Date.now() + 95_000);
    await staff.getByRole('button', { name: '继续核验' }).click();
    await expect(staff.getByRole('alert')).toContainText('疑似截图：二维码已超过90秒未刷新。', { timeout: 20_000 });
    await expect(staff.getByText('本机已核验 3 次')).toBeVisible();
  } finally {
    await browser.close();
  }

  const recoloured = await staffPhone(withColour(await readShownCode(page), 'red'), 'recoloured', baseURL);
  try {
    await expect(recoloured.staff.getByRole('alert')).toContainText('码色被篡改', { timeout: 20_000 });
  } finally {
    await recoloured.browser.close();
  }
});
