/**
 * The staff verifier reads a passport against a paper code, offline, in the built app: Chromium's fake camera
 * plays demo citizen (g)'s generated passport page (testing/mrz-scene.ts, as mrz-camera.spec), staff paste her
 * paper code with no network, it passes, and the passport's MRZ — read by the kiosk's own reader from the
 * service worker's copy of the OCR files — is the document the code names.
 */
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { endpoints } from '../core/contract/endpoints.ts';
import { loginAsDemo } from '../testing/browser/e2e-support.ts';
import { waitForServiceWorker } from '../testing/browser/offline-support.ts';
import { launchWithCamera, phoneContext } from '../testing/camera/fake-camera.ts';
import { writePassportY4m } from '../testing/camera/passport-video.ts';

test('staff check a paper code offline, then read the holder’s passport and see it is the document the code names', async ({ page, baseURL }) => {
  test.setTimeout(300_000);
  if (!baseURL) throw new Error('baseURL is not set');
  const video = join(test.info().outputDir, 'passport.y4m');
  await writePassportY4m(video);

  await loginAsDemo(page, 'g');
  const paper = endpoints.paperCode.response.parse(await (await page.request.post('/api/paper-code', { data: { subject: 'demo-g' } })).json());
  expect(paper).toMatchObject({ maskedName: 'S**** O***** R***', documentType: 'passport', documentCountry: 'GBR' });

  const camera = await launchWithCamera(video);
  try {
    const staff = await (await phoneContext(camera, baseURL)).newPage();
    await staff.goto('/verify');
    await expect(staff.getByRole('group', { name: '核验规则' })).toBeVisible();
    await waitForServiceWorker(staff);
    await staff.context().setOffline(true);

    // Her PCR is 18 h old and she has no antigen: she passes a venue's rule.
    await staff.getByRole('radio', { name: '场所通行' }).check();
    await staff.getByRole('textbox', { name: /二维码内容/ }).fill(paper.code);
    await staff.getByRole('button', { name: '核验', exact: true }).click();
    const verdict = staff.locator('.verdict');
    await expect(verdict).toHaveClass(/verdict--pass/);
    await expect(verdict).toContainText('请核对护照（GBR）：9******73');

    await staff.getByRole('button', { name: '读护照核对证件' }).click();
    const reader = staff.getByRole('region', { name: '护照机读区摄像头' });
    await expect(reader.getByTestId('document-read')).toContainText('S**** O***** R***', { timeout: 180_000 });
    await expect(staff.getByRole('status').filter({ hasText: '证件相符' })).toHaveText('证件相符：姓名和证件号码与此码一致。');
  } finally {
    await camera.close();
  }
});
