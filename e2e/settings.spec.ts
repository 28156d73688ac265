import { expect, test } from '@playwright/test';
import { loginAsDemo } from '../testing/browser/e2e-support.ts';

test('large-text mode enlarges the panel and is remembered on the device', async ({ page }) => {
  await loginAsDemo(page, 'a');
  const bodySize = () => page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
  const tabHeight = async () => (await page.getByRole('tab', { name: '核酸' }).boundingBox())?.height ?? 0;
  const before = { body: await bodySize(), tab: await tabHeight() };
  expect(before.body).toBeLessThan(20);

  await page.getByRole('link', { name: '设置' }).click();
  await page.getByRole('radio', { name: '大字模式（适老化）' }).check();
  await page.getByRole('link', { name: /返回/ }).click();

  expect(await bodySize()).toBeGreaterThanOrEqual(20);
  expect(await tabHeight()).toBeGreaterThan(before.tab);
  await page.reload();
  await expect(page.getByRole('img', { name: /随申码/ })).toBeVisible();
  expect(await bodySize()).toBeGreaterThanOrEqual(20);
  const scanHeight = (await page.getByRole('link', { name: '扫一扫' }).boundingBox())?.height ?? 0;
  expect(scanHeight).toBeGreaterThanOrEqual(56);
});

test('every control on the panel is at least 48 px tall', async ({ page }) => {
  await loginAsDemo(page, 'a');
  const small = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('button, a[href], input, [role="tab"]')]
      .filter((element) => element.offsetParent !== null && getComputedStyle(element).opacity !== '0')
      .map((element) => ({ text: element.innerText || element.getAttribute('aria-label') || element.tagName, height: element.getBoundingClientRect().height }))
      .filter(({ height }) => height < 48),
  );
  expect(small).toEqual([]);
});
