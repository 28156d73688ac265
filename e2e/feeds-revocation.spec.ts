/**
 * The whole chain without demo mode, in a real browser over the real server process: an operator adds
 * providers with the admin tool, a registry's citizens feed creates a citizen, who logs in with the code
 * an SMS gateway received (its signature checked), sees a PCR result a lab posted afterwards, and sees
 * an authority's decision turn the code yellow; a staff verifier that synced the revocation list then
 * refuses the citizen's old green code, offline, with its own message, and takes the new one.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { FeedScope } from '../core/contract/feeds.ts';
import { postFeed, withCheckCharacter } from '../testing/server/post-feed.ts';
import { freePort } from '../testing/server/postgres-cluster.ts';
import { addProvider, startServerProcess, stopServerProcess, waitReady, type ServerProcess } from '../testing/server/server-process.ts';
import { readShownCode, shownClaims } from '../testing/codes/health-code.ts';
import { startGatewayReceiver, type GatewayReceiver } from '../testing/server/sms-webhook.ts';
import { phone as phoneDevice } from '../testing/browser/phone.ts';

let dataDir: string;
let server: ServerProcess;
let gateway: GatewayReceiver;
const keys = { registry: '', lab: '', authority: '' };

const idNumber = withCheckCharacter('31010419880808123');
const phone = '13912345678';
const hour = 3_600_000;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

async function feed(scope: FeedScope, key: string, line: object) {
  expect((await postFeed(server.url, scope, key, [line])).summary.stored).toBe(1);
}

async function check(verifier: Page, code: string) {
  await verifier.getByLabel('二维码内容').fill(code);
  await verifier.getByRole('button', { name: '核验', exact: true }).click();
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  gateway = await startGatewayReceiver();
  dataDir = mkdtempSync(join(tmpdir(), 'suishen-e2e-feeds-'));
  const location = { engine: 'sqlite', dataDir } as const;
  server = startServerProcess(await freePort(), location, {
    DEMO: 'false',
    SMS_WEBHOOK_URL: gateway.url,
    SMS_WEBHOOK_SECRET: gateway.secret,
    DIST_DIR: 'dist',
  });
  await waitReady(server);
  keys.registry = addProvider(location, 'registry', 'citizens');
  keys.lab = addProvider(location, 'lab-xuhui', 'pcr-results');
  keys.authority = addProvider(location, 'authority', 'colour-decisions');
});

test.afterAll(async () => {
  await stopServerProcess(server);
  await gateway.close();
  rmSync(dataDir, { recursive: true, force: true });
});

test('a fed citizen logs in by SMS, sees a lab result, turns yellow, and a synced verifier refuses the old green code', async ({ browser }) => {
  test.setTimeout(150_000);
  await feed('citizens', keys.registry, { externalId: 'r-1', idNumber, name: '吴小梅', phone });

  const citizen = await browser.newContext({ ...phoneDevice, baseURL: server.url });
  const page = await citizen.newPage();
  await page.goto('/login');
  await page.getByLabel('手机号码').fill(phone);
  await page.getByRole('button', { name: '获取验证码' }).click();
  await expect.poll(() => gateway.received.length).toBe(1);
  const [sent] = gateway.received;
  expect(sent).toMatchObject({ phone, purpose: 'login' });
  expect(gateway.refused).toBe(0);
  // Outside demo mode the code is never on screen: only the gateway has it.
  await expect(page.getByText(sent?.code ?? '')).toHaveCount(0);
  await page.getByLabel('验证码').fill(sent?.code ?? '');
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page.getByRole('img', { name: /随申码/ })).toBeVisible();
  await expect(page.locator('.code-card__colour')).toHaveText(/绿码/);
  await expect(page.getByText('吴*梅').first()).toBeVisible();

  // Posted after the citizen opened the panel: it appears while the panel stays open, within a minute.
  await feed('pcr-results', keys.lab, { externalId: 'lab-1', idNumber, sampledAt: ago(6 * hour), reportedAt: ago(hour), result: 'negative', institution: '徐汇区中心医院' });
  await expect(page.getByText('徐汇区中心医院')).toBeVisible({ timeout: 65_000 });

  // Signed afresh now, so that it is still within a verifier's 90 s when checked below: what is refused
  // must be the colour change, not the age of the picture.
  // The phone counts time on the server's clock, learned from a Date header to the second: a second of slack.
  const signedFrom = Math.floor(Date.now() / 1000) - 1;
  await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
  await expect.poll(async () => shownClaims(await readShownCode(page)).signedAt).toBeGreaterThanOrEqual(signedFrom);
  const green = await readShownCode(page);
  expect(shownClaims(green).colour).toBe('green');

  await feed('colour-decisions', keys.authority, { externalId: 'd-1', idNumber, colour: 'yellow', reason: '时空伴随', decidedAt: new Date().toISOString() });
  // Back in the foreground, the phone asks at once, and fetches a credential in the new colour.
  await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
  await expect(page.locator('.code-card__colour')).toHaveText(/黄码/);
  await expect.poll(async () => shownClaims(await readShownCode(page)).colour).toBe('yellow');
  const yellow = await readShownCode(page);

  const staff = await browser.newContext({ baseURL: server.url, locale: 'zh-CN' });
  const verifier = await staff.newPage();
  await verifier.goto('/verify');
  await expect(verifier.getByTestId('revocation-age')).toHaveText('状态变更名单刚刚更新');
  await verifier.getByRole('radio', { name: '场所通行' }).check();
  await staff.setOffline(true);

  await check(verifier, green);
  // A recheck, not red: the list's truncated hash could be another holder's, and a fresh code settles it.
  await expect(verifier.getByRole('alert')).toContainText('需联网复核');
  await expect(verifier.getByRole('alert')).toContainText('请刷新随申码');
  await expect(verifier.locator('.verdict--recheck')).toBeVisible();
  await verifier.getByRole('button', { name: '继续核验' }).click();
  await check(verifier, yellow);
  const verdict = verifier.locator('.verdict');
  await expect(verdict).toContainText('不通过');
  await expect(verdict).toContainText('吴*梅');
  await expect(verdict).not.toContainText('需联网复核');

  await staff.close();
  await citizen.close();
});
