/**
 * A passport holder end to end (issue 27), on a server of its own with a provider made by the admin tool: the
 * registry feeds her citizen record by passport and a lab her PCR and antigen results; she logs in by phone,
 * sees her code with 护照（AUS） beside the masked number and her Latin name masked, passes the leave-Shanghai
 * check in English as well as Chinese, staff verify her live code and her paper code with no network, and a
 * licensed kiosk reads her passport's MRZ off the fake camera and logs her visit once.
 * Demo mode stays on so the login code is on screen; the demo citizens (g) and (h) are on the login screen.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { loginAsDemo } from '../testing/browser/e2e-support.ts';
import { phone as phoneDevice } from '../testing/browser/phone.ts';
import { launchWithCamera, phoneContext } from '../testing/camera/fake-camera.ts';
import { writePassportY4m } from '../testing/camera/passport-video.ts';
import { checkOnOfflineVerifier, readShownCode } from '../testing/codes/health-code.ts';
import { freePort } from '../testing/server/postgres-cluster.ts';
import { approveVenue, licenseKiosk } from '../testing/server/operator-client.ts';
import { addProvider, startServerProcess, stopServerProcess, waitReady, type ServerProcess } from '../testing/server/server-process.ts';

let dataDir: string;
let server: ServerProcess;
let registry = '';
let lab = '';
const passport = { type: 'passport', number: 'PA4455661', country: 'AUS' } as const;
/** The same passport's data page, for the kiosk's camera: its MRZ is written out with its check digits. */
const passportPage = { format: 'TD3', documentCode: 'P', issuingState: 'AUS', nationality: 'AUS', number: 'PA4455661', surname: 'NGUYEN', givenNames: 'THI MAI', birth: '910305', sex: 'F', expiry: '310720' } as const;
const phone = '13912340007';
const hour = 3_600_000;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

async function feed(scope: string, key: string, line: object) {
  const response = await fetch(`${server.url}/api/feeds/${scope}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${key}` },
    body: `${JSON.stringify(line)}\n`,
  });
  expect(response.status).toBe(200);
  expect(await response.json()).toMatchObject({ summary: { stored: 1, rejected: 0 } });
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  dataDir = mkdtempSync(join(tmpdir(), 'suishen-e2e-passport-'));
  const location = { engine: 'sqlite', dataDir } as const;
  server = startServerProcess(await freePort(), location, { DEMO: 'true', DIST_DIR: 'dist' });
  await waitReady(server);
  registry = addProvider(location, 'registry', 'citizens');
  lab = addProvider(location, 'lab-pudong', 'pcr-results,antigen-results');
});

test.afterAll(async () => {
  await stopServerProcess(server);
  rmSync(dataDir, { recursive: true, force: true });
});

test('a passport holder fed by a provider logs in by phone, passes the traveller check in English, is verified offline, and is read at a kiosk', async ({ browser }) => {
  test.setTimeout(360_000);
  await feed('citizens', registry, { externalId: 'r-gbr-1', document: passport, name: 'NGUYEN THI MAI', phone });
  await feed('pcr-results', lab, { externalId: 'pcr-1', document: passport, sampledAt: ago(10 * hour), reportedAt: ago(4 * hour), result: 'negative', institution: '浦东机场检测点' });
  await feed('antigen-results', lab, { externalId: 'ag-1', document: passport, testedAt: ago(2 * hour), result: 'negative', institution: '浦东机场检测点' });

  const citizen = await browser.newContext({ ...phoneDevice, baseURL: server.url });
  const page = await citizen.newPage();
  await page.goto('/login');
  // The two demo holders of other documents are listed too.
  await expect(page.getByRole('button', { name: /^演示 S\*\*\*\* O\*\*\*\*\* R\*\*\* / })).toBeVisible();
  await expect(page.getByRole('button', { name: /^演示 陈\*欣 / })).toBeVisible();
  await page.getByLabel('手机号码').fill(phone);
  await page.getByRole('button', { name: '获取验证码' }).click();
  const shown = await page.getByText(/演示模式验证码：\d{6}/).innerText();
  await page.getByLabel('验证码').fill(/(\d{6})/.exec(shown)?.[1] ?? '');
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page.getByRole('img', { name: /随申码/ })).toBeVisible();
  const identity = page.locator('.code-card__identity');
  await expect(identity).toContainText('N***** T** M**');
  await expect(identity).toContainText('护照（AUS）');
  await expect(identity).toContainText('P******61');
  await expect(identity).not.toContainText('PA4455661');

  await page.getByRole('link', { name: '离沪核验' }).click();
  const verdict = page.locator('.verdict');
  await expect(verdict).toHaveClass(/verdict--pass/);
  await expect(verdict).toContainText('Meets the rule to leave Shanghai');
  await expect(verdict).toContainText('N***** T** M**');
  await expect(page.getByTestId('traveller-document').locator('[lang="en"]')).toHaveText('Passport (AUS) P******61');
  await expect(page.getByTestId('traveller-document').locator('[lang="zh-CN"]')).toHaveText('护照（AUS） P******61');

  await page.goto('/');
  const code = await readShownCode(page);
  const { staff, verifier } = await checkOnOfflineVerifier(browser, server.url, code);
  await expect(verifier.locator('.verdict')).toHaveClass(/verdict--pass/);
  await expect(verifier.locator('.verdict')).toContainText('N***** T** M**');
  await expect(verifier.locator('.verdict')).not.toContainText('PA4455661');

  // Her paper code names the passport, so staff check it against the right document, still offline.
  const me = (await (await page.request.get('/api/me')).json()) as { citizen: { id: string } };
  const paper = (await (await page.request.post('/api/paper-code', { data: { subject: me.citizen.id } })).json()) as { code: string; documentType: string };
  expect(paper.documentType).toBe('passport');
  await verifier.getByRole('button', { name: '继续核验' }).click();
  await verifier.getByLabel('二维码内容').fill(paper.code);
  await verifier.getByRole('button', { name: '核验', exact: true }).click();
  await expect(verifier.locator('.verdict')).toContainText('纸质码');
  await expect(verifier.locator('.verdict')).toContainText('请核对护照（AUS）：P******61');
  await staff.close();

  // At a licensed kiosk the camera reads her passport's MRZ, looks her up by it and logs her visit, once.
  const owner = await browser.newContext({ baseURL: server.url });
  const ownerPage = await owner.newPage();
  await loginAsDemo(ownerPage, 'a');
  const registered = await ownerPage.request.post('/api/venues', { data: { name: '机场候机楼', district: '浦东新区', address: '迎宾大道 6000 号', kind: 'transport' } });
  const venue = ((await registered.json()) as { venue: { number: string } }).venue.number;
  await approveVenue(server.url, venue);
  const paired = (await (await ownerPage.request.post(`/api/venues/${venue}/kiosks`, { data: { label: 'T2 入口' } })).json()) as { kiosk: { id: string }; pairingToken: string };
  await licenseKiosk(server.url, paired.kiosk.id);
  const video = join(test.info().outputDir, 'passport-aus.y4m');
  await writePassportY4m(video, passportPage, [3, 0, -2, 1.5, -4, 5]);
  const camera = await launchWithCamera(video);
  try {
    const kiosk = await (await phoneContext(camera, server.url)).newPage();
    await kiosk.goto(`/kiosk#pair=${encodeURIComponent(paired.pairingToken)}`);
    await expect(kiosk.getByRole('heading', { name: '机场候机楼' })).toBeVisible();
    await kiosk.getByRole('button', { name: '读护照' }).click();
    const kioskVerdict = kiosk.getByTestId('kiosk-verdict');
    // One look at the verdict (it clears after 3 s): her masked name and the pass together.
    await expect(kioskVerdict.filter({ hasText: 'N***** T** M**' })).toContainText('通过', { timeout: 180_000 });
    const visits = async () => ((await (await page.request.get('/api/check-ins')).json()) as { checkIns: { venueNumber: string }[] }).checkIns.filter((v) => v.venueNumber === venue).length;
    await expect.poll(visits).toBe(1);
    // The passport stays under the camera and is read again: still one visit and one 查询记录 entry.
    await kiosk.waitForTimeout(15_000);
    expect(await visits()).toBe(1);
    const log = (await (await page.request.get('/api/me/access-log')).json()) as { entries: { purpose: string }[] };
    expect(log.entries.filter((entry) => entry.purpose === 'id-lookup')).toHaveLength(1);
  } finally {
    await camera.close();
    await owner.close();
    await citizen.close();
  }
});
