import { expect, test } from '@playwright/test';
import { demoDependant } from '../testing/server/test-client.ts';
import { expectNoViolations, linkDemoRelative, loginAsDemo, unlinkDemoRelative } from '../testing/browser/e2e-support.ts';

const modes = [
  { name: '中文', language: 'zh', textSize: 'standard' },
  { name: 'English', language: 'en', textSize: 'standard' },
  { name: '大字模式', language: 'zh', textSize: 'large' },
] as const;

for (const mode of modes) {
  test.describe(`accessibility, ${mode.name}`, () => {
    test.beforeEach(async ({ page }) => {
      await page.addInitScript(
        ({ language, textSize }) => {
          localStorage.setItem('suishen.language', language);
          localStorage.setItem('suishen.text-size', textSize);
        },
        { language: mode.language, textSize: mode.textSize },
      );
    });

    test('login screen', async ({ page }) => {
      await page.goto('/login');
      await expect(page.getByRole('button', { name: /^(演示|Demo) / }).first()).toBeVisible();
      await expectNoViolations(page, 'login');
    });

    test('panel and each of its tabs, for a green and a red code', async ({ page }) => {
      for (const who of ['a', 'd'] as const) {
        await loginAsDemo(page, who);
        for (const index of [0, 1, 2, 3]) {
          await page.getByRole('tab').nth(index).click();
          await expect(page.getByRole('tabpanel').getByRole('listitem').first()).toBeVisible();
          await expectNoViolations(page, `panel ${who} tab ${index}`);
        }
      }
    });

    test('settings, access log, account deletion, family, paper code, scan, traveller check, verifier and antigen upload screens', async ({ page }) => {
      await loginAsDemo(page, 'a');
      await linkDemoRelative(page);
      const screens = ['/settings', '/settings/access-log', '/settings/delete-account', '/family', `/family/${demoDependant.id}/paper`, '/scan', '/traveller-check', '/verify', '/antigen/new'];
      for (const path of screens) {
        await page.goto(path);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        if (path.endsWith('/paper')) await expect(page.getByRole('img', { name: /随申码/ })).toBeVisible();
        await expectNoViolations(page, path);
      }
      await unlinkDemoRelative(page);
    });
  });
}

test('dark colour scheme keeps the panel readable', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await loginAsDemo(page, 'c');
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background).toBe('rgb(15, 20, 25)');
  await expectNoViolations(page, 'panel dark');
});
