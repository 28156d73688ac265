import { expect, test } from '@playwright/test';
import { demoDependant } from '../testing/server/test-client.ts';
import { expectNoViolations, linkDemoRelative, loginAsDemo } from '../testing/browser/e2e-support.ts';
import { phone } from '../testing/browser/phone.ts';

/** Leaves the shared server as later specs expect it, whatever step failed: the relative not linked. */
test.afterEach(async ({ page }) => {
  await page.request.delete(`/api/family/links/${demoDependant.id}`);
});

test('the relative removes her guardian on her own phone, and he can no longer show her code', async ({ page, browser, baseURL }) => {
  test.setTimeout(90_000);
  // 张*三 links 张*婆 (the demo's one-time code) and sees her in his household.
  await loginAsDemo(page, 'a');
  await linkDemoRelative(page);
  await page.getByRole('link', { name: '亲友码' }).click();
  await expect(page.getByRole('list', { name: '我的家庭' }).getByRole('listitem')).toHaveCount(2);
  await expect(page.getByRole('list', { name: '谁可以出示我的码' })).toHaveCount(0);

  // 张*婆 signs in on her own phone and finds who can show her code.
  const hers = await browser.newContext({ ...phone, baseURL });
  const dependant = await hers.newPage();
  await loginAsDemo(dependant, 'f');
  await dependant.getByRole('link', { name: '亲友码' }).click();
  const guardians = dependant.getByRole('list', { name: '谁可以出示我的码' });
  await expect(guardians.getByRole('listitem')).toHaveCount(1);
  await expect(guardians.getByRole('listitem')).toContainText('张*三');
  await expect(guardians.getByRole('listitem')).toContainText('138****0001');

  // A confirmation first; cancelling changes nothing.
  await guardians.getByRole('button', { name: '移除 张*三' }).click();
  const dialog = dependant.getByRole('dialog', { name: '移除 张*三？' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('不能再出示您的码');
  const [cancel, confirm] = [dialog.getByRole('button', { name: '取消' }), dialog.getByRole('button', { name: '确定移除' })];
  for (const button of [cancel, confirm]) expect((await button.boundingBox())?.height ?? 0).toBeGreaterThanOrEqual(56);
  await expectNoViolations(dependant, 'remove guardian dialog');
  await cancel.click();
  await expect(dialog).toBeHidden();
  await expect(guardians.getByRole('listitem')).toHaveCount(1);

  await guardians.getByRole('button', { name: '移除 张*三' }).click();
  await confirm.click();
  await expect(dependant.getByRole('status').filter({ hasText: '已移除 张*三' })).toBeVisible();
  await expect(dependant.getByText('没有其他人可以出示您的码。')).toBeVisible();
  await hers.close();

  // His phone, on its next refresh: she is gone from his household and his panel, and her records are closed.
  await page.reload();
  await expect(page.getByRole('list', { name: '我的家庭' }).getByRole('listitem')).toHaveCount(1);
  await expect(page.getByRole('list', { name: '我的家庭' })).not.toContainText('张*婆');
  expect((await page.request.get(`/api/citizens/${demoDependant.id}/pcr-tests`)).status()).toBe(404);
  await page.getByRole('link', { name: /返回/ }).click();
  await expect(page.getByRole('img', { name: /随申码/ })).toHaveAccessibleName(/张\*三/);
  await expect(page.getByRole('radio')).toHaveCount(0);
});
