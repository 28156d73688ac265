/**
 * A citizen with a real make of kit (Realy Tech, a photo of a real cassette with lines drawn in its window
 * and laid on a table: testing/images/real-kits.ts) uploads through the real form's file input and is told
 * in plain words what happened: a strip with T but no C is named as an invalid test before upload, a
 * negative reads and is 自测·已核验, the same photo sent again is refused as already used (in Chinese and
 * English, the technical code behind 详情), and a second kit of the same make photographed on another
 * table is not taken for the first. Seeds chosen so that the reading holds at the browser's JPEG qualities.
 */
import { expect, test, type Page } from '@playwright/test';
import { realKitGtins } from '../core/antigen/approved-kits.ts';
import { loginAsDemo } from '../testing/browser/e2e-support.ts';
import { chooseCassettePhoto, fillAntigenForm, uploadAntigen } from '../testing/browser/offline-support.ts';
import { realKitPhoto } from '../testing/images/real-kits.ts';

const gtin = realKitGtins.realytech ?? '';
const onPlainTable = realKitPhoto('realytech', 'negative', 7);
const onWoodTable = realKitPhoto('realytech', 'negative', 25);
const tWithoutC = realKitPhoto('realytech', 'invalid', 2);

/** The record with this lot on the 抗原 tab, after the saved page's way home. */
async function recordOf(page: Page, lot: string) {
  await page.getByRole('link', { name: '返回首页' }).click();
  await page.getByRole('tab', { name: '抗原' }).click();
  return page.getByRole('tabpanel').getByRole('listitem').filter({ hasText: lot });
}

test('real-kit photos: plain words before upload, 自测·已核验, a reused photo refused in plain words, another kit of the make on another table accepted', async ({ page }) => {
  test.setTimeout(150_000);
  expect(onPlainTable.scene.table).not.toBe(onWoodTable.scene.table);
  const run = Date.now().toString(36);
  await loginAsDemo(page, 'd');

  // Declared negative, but the photo shows T without C: before upload the citizen reads why and what to do.
  await fillAntigenForm(page, { result: '阴性', kit: 'Realy Tech', lot: `RK-A-${run}`, gtin, photo: tWithoutC.jpeg });
  const opinion = page.locator('.strip-opinion');
  await expect(opinion).toContainText('照片识别：没有 C 线（无效）', { timeout: 30_000 });
  await expect(opinion.locator('.outcome__title')).toHaveText('没有 C 线，检测无效');
  await expect(opinion.locator('.outcome__next')).toHaveText('没有 C 线的检测无效，请用新的试剂盒重新检测');
  await expect(opinion).toContainText('待复核');
  const detail = opinion.locator('.outcome__detail code');
  await expect(detail).toBeHidden();
  await opinion.getByText('详情').click();
  await expect(detail).toContainText('t-without-c · T without C');

  // The right photo instead: it agrees, nothing to explain, and the server verifies it.
  await chooseCassettePhoto(page, { name: 'cassette.jpg', mimeType: 'image/jpeg', buffer: onPlainTable.jpeg });
  await expect(opinion).toContainText('照片识别：只有 C 线（阴性）', { timeout: 30_000 });
  await expect(opinion).toContainText('与您选择的结果一致');
  await expect(opinion.locator('.outcome')).toHaveCount(0);
  await page.getByRole('button', { name: '保存并上传' }).click();
  const first = await recordOf(page, `RK-A-${run}`);
  await expect(first).toContainText('自测·已核验', { timeout: 20_000 });
  await expect(first.locator('.outcome')).toHaveCount(0);

  // The same photo for another kit: refused, and told so in plain words.
  await uploadAntigen(page, { result: '阴性', kit: 'Realy Tech', lot: `RK-R-${run}`, gtin, photo: onPlainTable.jpeg });
  const reused = await recordOf(page, `RK-R-${run}`);
  await expect(reused).toContainText('服务器未接收', { timeout: 20_000 });
  await expect(reused.locator('.outcome__title')).toHaveText('照片已用过');
  await expect(reused.locator('.outcome__next')).toHaveText('这张照片已用于一次检测，请为这次检测重新拍一张');
  await reused.getByText('详情').click();
  await expect(reused.locator('.outcome__detail code')).toContainText('photo_reused');

  // A second kit of the same make, on another table: a new photo, not a reused one.
  await uploadAntigen(page, { result: '阴性', kit: 'Realy Tech', lot: `RK-B-${run}`, gtin, photo: onWoodTable.jpeg });
  const second = await recordOf(page, `RK-B-${run}`);
  await expect(second).toContainText('自测·已核验', { timeout: 20_000 });
  await expect(second).not.toContainText('照片已用过');
  await expect(second).not.toContainText('服务器未接收');

  // A foreign resident reads the same refusal in English.
  await page.getByRole('button', { name: '切换到英文' }).click();
  await expect(reused.locator('.outcome__title')).toHaveText('This photo was already used for a test');
  await expect(reused.locator('.outcome__next')).toHaveText('Take a new photo of this test');
  await expect(reused.locator('.outcome__detail summary')).toHaveText('Details');
});
