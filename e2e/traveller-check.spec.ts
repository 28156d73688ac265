import { expect, test } from '@playwright/test';
import { persistedQueryKeys, waitForServiceWorker } from '../testing/browser/offline-support.ts';
import { loginAsDemo } from '../testing/browser/e2e-support.ts';

test('citizen (b) does not meet the leave-Shanghai rule, and the PCR clause is named', async ({ page }) => {
  await loginAsDemo(page, 'b');
  await page.getByRole('link', { name: '离沪核验' }).click();
  await expect(page).toHaveURL(/\/traveller-check\?who=demo-b$/);
  const verdict = page.locator('.verdict');
  await expect(verdict).toContainText('不符合');
  await expect(verdict).toContainText('Does not meet the rule');
  await expect(verdict).not.toContainText('符合离沪要求');
  await expect(verdict).toHaveClass(/verdict--fail/);
  await expect(page.locator('.verdict__countdown')).toHaveCount(0);

  const pcr = page.getByRole('listitem').filter({ hasText: '48小时内核酸阴性' });
  await expect(pcr).toHaveClass(/requirement--unmet/);
  await expect(pcr).toContainText('已超时');
  await expect(pcr).toContainText('Too old');
  // The antigen clause is listed with its own state too (other specs may upload one for (b), so either).
  await expect(page.getByRole('listitem').filter({ hasText: '24小时内抗原阴性' })).toContainText(/已超时|符合/);
});

test('citizen (a) meets it, with a countdown that ticks, in Chinese and English at once', async ({ page }) => {
  await loginAsDemo(page, 'a');
  await page.getByRole('link', { name: '离沪核验' }).click();
  const verdict = page.locator('.verdict');
  await expect(verdict).toHaveClass(/verdict--pass/);
  await expect(verdict).toContainText('符合离沪要求');
  await expect(verdict).toContainText('Meets the rule to leave Shanghai');
  await expect(verdict).toContainText('张*三');

  // Seeded: antigen 3 h ago lapses first, about 21 h from now.
  const countdown = page.locator('.verdict__countdown [lang="zh-CN"]');
  await expect(countdown).toHaveText(/^2[01]:\d\d:\d\d 后失效$/);
  const first = await countdown.innerText();
  await expect(countdown).not.toHaveText(first, { timeout: 3000 });
  await expect(page.locator('.verdict__countdown [lang="en"]')).toHaveText(/^Lapses in 2[01]:\d\d:\d\d$/);

  const requirements = page.getByRole('listitem');
  await expect(requirements).toHaveCount(2);
  for (const item of await requirements.all()) await expect(item).toHaveClass(/requirement--met/);
  await expect(requirements.first()).toContainText('Met');
});

test('the traveller check and the staff verifier open with no network after one online visit', async ({ page, context }) => {
  await loginAsDemo(page, 'a');
  await page.getByRole('link', { name: '离沪核验' }).click();
  await expect(page.locator('.verdict')).toHaveClass(/verdict--pass/);
  // Leaving at once, while the persister still waits for the cache to settle: the page's hiding writes it.
  await page.goto('/verify');
  await expect(page.getByRole('radio', { name: '离沪核验' })).toBeChecked();
  await waitForServiceWorker(page);
  const persisted = async () => [...new Set((await persistedQueryKeys(page, 'demo-a')).map((queryKey) => queryKey.join('/')))].sort();
  await expect.poll(persisted).toEqual(
    expect.arrayContaining(['rule-sets', 'records/me', 'records/citizen/demo-a/pcr-tests', 'records/citizen/demo-a/antigen-tests']),
  );

  await context.setOffline(true);
  await page.goto('/traveller-check?who=demo-a');
  await expect(page.locator('.verdict')).toHaveClass(/verdict--pass/);
  await expect(page.locator('.verdict')).toContainText('符合离沪要求');
  await expect(page.locator('.verdict__countdown [lang="zh-CN"]')).toHaveText(/后失效$/);
  // Cold start of the verifier from the service worker, keys from IndexedDB.
  await page.goto('/verify');
  await expect(page.getByRole('radio', { name: '离沪核验' })).toBeChecked();
  await page.getByLabel('二维码内容').fill('https://example.com/');
  await page.getByRole('button', { name: '核验', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('这不是随申码');
});
