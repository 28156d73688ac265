/**
 * The passport reader at a kiosk, end to end in the built app: Chromium's fake camera plays a generated passport
 * page (OCR-B, tilted, on a desk: testing/mrz-scene.ts), the app's own Tesseract files load from this origin, and
 * the MRZ read — two agreeing frames, every check digit passed — is shown masked, and looked up by document:
 * the passport is demo citizen (g)'s, who passes, and the lookup is in her 查询记录 once.
 */
import { join } from 'node:path';
import { approveVenue, licenseKiosk } from '../testing/server/operator-client.ts';
import { expect, test } from '@playwright/test';
import { launchWithCamera, phoneContext } from '../testing/camera/fake-camera.ts';
import { writePassportY4m } from '../testing/camera/passport-video.ts';
import { expectNoViolations, loginAsDemo } from '../testing/browser/e2e-support.ts';

test('a kiosk reads a passport’s MRZ from the camera, offline-ready from its own origin', async ({ browser, baseURL }) => {
  test.setTimeout(240_000);
  if (!baseURL) throw new Error('baseURL is not set');
  const video = join(test.info().outputDir, 'passport.y4m');
  await writePassportY4m(video);

  const owner = await browser.newContext({ baseURL });
  const ownerPage = await owner.newPage();
  await loginAsDemo(ownerPage, 'a');
  const registered = await ownerPage.request.post('/api/venues', { data: { name: '护照核验店', district: '静安区', address: '南京西路 1 号', kind: 'shop' } });
  const venue = ((await registered.json()) as { venue: { number: string } }).venue.number;
  // A venue is approved and its kiosk licensed by the district (docs/authority.md), here through the console's API.
  await approveVenue(new URL(ownerPage.url()).origin, venue);
  const paired = (await (await ownerPage.request.post(`/api/venues/${venue}/kiosks`, { data: { label: '护照台' } })).json()) as { kiosk: { id: string }; pairingToken: string };
  await licenseKiosk(new URL(ownerPage.url()).origin, paired.kiosk.id);
  const camera = await launchWithCamera(video);
  const fromElsewhere: string[] = [];
  try {
    const context = await phoneContext(camera, baseURL);
    const kiosk = await context.newPage();
    kiosk.on('request', (request) => {
      if (!request.url().startsWith(baseURL)) fromElsewhere.push(request.url());
    });
    await kiosk.goto(`/kiosk#pair=${encodeURIComponent(paired.pairingToken)}`);
    await expect(kiosk.getByRole('heading', { name: '护照核验店' })).toBeVisible();
    await kiosk.getByRole('button', { name: '读护照' }).click();
    const reader = kiosk.getByRole('region', { name: '护照机读区摄像头' });
    await expect(reader.getByTestId('document-read')).toContainText('护照', { timeout: 180_000 });
    await expect(reader.getByTestId('document-read')).toContainText('S**** O***** R***');
    await expect(reader.getByTestId('document-read')).toContainText('9******73');
    await expect(reader.getByTestId('document-read')).toContainText('GBR');
    await expect(reader.getByTestId('document-read')).toContainText('1988-02-14');
    const verdict = kiosk.getByTestId('kiosk-verdict');
    await expect(verdict).toContainText('通过');
    await expect(verdict).toContainText('S**** O***** R***');
    expect(fromElsewhere).toEqual([]);
    await expectNoViolations(kiosk, 'kiosk with a passport read');
    await context.close();
    const holder = await browser.newContext({ baseURL });
    const holderPage = await holder.newPage();
    await loginAsDemo(holderPage, 'g');
    const log = (await (await holderPage.request.get('/api/me/access-log')).json()) as { entries: { purpose: string; actor: { label: string } }[] };
    // Other specs' kiosks look her up too (kiosk.spec types her passport at a desk): only this venue's are counted.
    const here = log.entries.filter((entry) => entry.purpose === 'id-lookup' && entry.actor.label.includes(`（${venue}）`));
    expect(here.map((entry) => entry.actor.label)).toEqual([expect.stringMatching(/^护照核验店（\d{8}）· .+ · 护照台$/)]);
    await holder.close();
  } finally {
    await camera.close();
    await owner.close();
  }
});
