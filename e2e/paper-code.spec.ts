import { expect, test, type Page } from '@playwright/test';
import { readShownCode } from '../testing/codes/health-code.ts';
import { linkDemoRelative, loginAsDemo, unlinkDemoRelative } from '../testing/browser/e2e-support.ts';

const a6 = { width: (105 / 25.4) * 72, height: (148 / 25.4) * 72 };

/** The size in points of every page of a PDF Chromium printed; page objects keep their MediaBox readable. */
function pageSizes(pdf: Buffer): { width: number; height: number }[] {
  return [...pdf.toString('latin1').matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((match) => ({
    width: Number(match[1]),
    height: Number(match[2]),
  }));
}

async function check(verifier: Page, code: string): Promise<void> {
  await verifier.getByLabel('二维码内容').fill(code);
  await verifier.getByRole('button', { name: '核验', exact: true }).click();
}

test('a guardian prints her relative’s A6 paper code, and an offline verifier accepts it as paper until it lapses', async ({ page, browser, baseURL }) => {
  await loginAsDemo(page, 'a');
  await linkDemoRelative(page);
  await page.getByRole('link', { name: '亲友码' }).click();
  await page.getByRole('link', { name: '打印 张*婆 的纸质码' }).click();

  const card = page.getByRole('article', { name: '随申码 · 纸质码' });
  await expect(card).toContainText('张*婆');
  await expect(card).toContainText('310***********4564');
  await expect(card).toContainText('绿码');
  await expect(card).toContainText('核验时请一并出示身份证');
  const validUntil = (await card.locator('.paper-card__valid-until').innerText()).trim();
  expect(validUntil).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  await expect(page.getByRole('img', { name: /随申码/ })).toHaveAccessibleName(`张*婆的纸质随申码：绿码，有效期至${validUntil}`);
  const code = await readShownCode(page);
  expect(code).toMatch(/^SSM2:[0-9A-Z $%*+\-./:]+$/);

  // Printing gives exactly one A6 sheet holding the card, without the app around it.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('button', { name: '打印（A6）' })).toBeHidden();
  await expect(page.getByRole('link', { name: /返回/ })).toBeHidden();
  await expect(card).toBeVisible();
  const sizes = pageSizes(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  expect(sizes).toHaveLength(1);
  // Chromium rounds the sheet to whole CSS pixels: within a point of A6.
  expect(Math.abs((sizes[0]?.width ?? 0) - a6.width)).toBeLessThan(1);
  expect(Math.abs((sizes[0]?.height ?? 0) - a6.height)).toBeLessThan(1);
  await page.emulateMedia({ media: 'screen' });

  // A staff phone with no network reads the card: paper, the ID to check, and its dates.
  const staff = await browser.newContext({ baseURL, locale: 'zh-CN' });
  const verifier = await staff.newPage();
  await verifier.goto('/verify');
  await verifier.getByRole('radio', { name: '场所通行' }).check();
  await staff.setOffline(true);
  await check(verifier, code);
  const verdict = verifier.locator('.verdict');
  await expect(verdict).toHaveClass(/verdict--pass/);
  await expect(verdict).toContainText('张*婆');
  await expect(verdict).toContainText('纸质码');
  await expect(verdict).toContainText('请核对身份证：310***********4564');
  await expect(verdict).toContainText(`有效至 ${validUntil}`);

  // Three days on it is refused with what to do; a screenshot of a phone code never passes as paper.
  await verifier.getByRole('button', { name: '继续核验' }).click();
  await verifier.clock.setFixedTime(Date.now() + 72 * 3_600_000 + 60_000);
  await check(verifier, code);
  await expect(verifier.getByRole('alert')).toContainText('纸质码已过有效期，请家人重新打印。');
  await staff.close();

  // Making a card needs the server's signature: offline the screen says so, keeps the card, and
  // makes the new one once the network is back.
  await page.context().setOffline(true);
  await page.getByRole('button', { name: '重新生成' }).click();
  await expect(page.getByRole('alert')).toHaveText('没有网络：纸质码需要联网签发，联网后会自动生成。');
  await expect(card).toContainText('张*婆');
  await page.context().setOffline(false);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect.poll(() => readShownCode(page)).not.toBe(code);

  await unlinkDemoRelative(page);
  await page.reload();
  // Not hers any more: answered as if there were no such person (no existence oracle).
  await expect(page.getByRole('alert')).toContainText('没有找到相关信息。');
});

test('the paper code screen reads in English too', async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem('suishen.language', 'en'));
  await loginAsDemo(page, 'a');
  await linkDemoRelative(page);
  await page.getByRole('link', { name: 'Family' }).click();
  await page.getByRole('link', { name: 'Print a paper code for 张*婆' }).click();
  await expect(page.getByRole('article', { name: 'Suishenma 随申码 · paper code' })).toContainText('Show the ID card with this code');
  await expect(page.getByRole('button', { name: 'Print (A6)' })).toBeVisible();
  await unlinkDemoRelative(page);
});
