/**
 * 数字哨兵 end to end: the owner pairs a kiosk, a queue of live phone codes and a paper code passes Chromium's
 * fake camera a second each, and every PASS becomes exactly one check-in of that citizen (read back through
 * each citizen's own /api/check-ins), online and with the kiosk offline during the queue. Then the ID-number
 * path: a wrong check character refused with nothing sent, a lookup online, and offline plainly refused.
 */
import { join } from 'node:path';
import { approveVenue, licenseKiosk } from '../testing/server/operator-client.ts';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import type { CheckIn } from '../core/contract/venues.ts';
import { demoDependant } from '../testing/server/test-client.ts';
import { launchWithCamera, phoneContext } from '../testing/camera/fake-camera.ts';
import { readShownCode } from '../testing/codes/health-code.ts';
import { writeQrSequenceY4m } from '../testing/camera/y4m.ts';
import { expectNoViolations, linkDemoRelative, loginAsDemo, unlinkDemoRelative, type demo } from '../testing/browser/e2e-support.ts';

type Who = keyof typeof demo;

/** Wraps speechSynthesis.speak (the real one still speaks) and records every verdict the kiosk puts up. */
const recordKiosk = () => {
  const record = window as unknown as { spoken: string[]; verdicts: string[] };
  record.spoken = [];
  record.verdicts = [];
  const speak = window.speechSynthesis.speak.bind(window.speechSynthesis);
  window.speechSynthesis.speak = (utterance: SpeechSynthesisUtterance) => {
    record.spoken.push(`${utterance.lang}|${utterance.text}`);
    speak(utterance);
  };
  new MutationObserver((mutations) => {
    for (const mutation of mutations) {
      for (const node of mutation.addedNodes) {
        if (!(node instanceof HTMLElement)) continue;
        const verdict = node.matches('.verdict') ? node : node.querySelector('.verdict');
        if (verdict) record.verdicts.push(`${verdict.className}|${verdict.textContent}`);
      }
    }
  }).observe(document, { childList: true, subtree: true });
};

async function citizen(browser: Browser, baseURL: string, who: Who): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await loginAsDemo(page, who);
  return { context, page };
}

async function registerVenue(owner: Page, name: string): Promise<string> {
  const response = await owner.request.post('/api/venues', { data: { name, district: '长宁区', address: '天山路 1 号', kind: 'shop' } });
  expect(response.ok()).toBe(true);
  const { number } = ((await response.json()) as { venue: { number: string } }).venue;
  // Approved by the district (docs/authority.md), here through the console's API.
  await approveVenue(new URL(owner.url()).origin, number);
  return number;
}

/** A staffed desk: an approved venue whose kiosk the operator licensed to take typed numbers. */
async function deskKiosk(owner: Page, baseURL: string, name: string, label: string) {
  const venue = await registerVenue(owner, name);
  const paired = (await (await owner.request.post(`/api/venues/${venue}/kiosks`, { data: { label } })).json()) as { kiosk: { id: string }; pairingToken: string };
  await licenseKiosk(baseURL, paired.kiosk.id, { typedIdAllowed: true });
  return { venue, paired };
}

async function visitsAt(page: Page, venueNumber: string): Promise<number> {
  const { checkIns } = (await (await page.request.get('/api/check-ins')).json()) as { checkIns: CheckIn[] };
  return checkIns.filter((checkIn) => checkIn.venueNumber === venueNumber).length;
}

const recorded = (kiosk: Page) =>
  kiosk.evaluate(() => {
    const { spoken, verdicts } = window as unknown as { spoken: string[]; verdicts: string[] };
    return { spoken, verdicts };
  });

/** The queue's people, each signed in on their own phone, (a) linked to (f) so she can print (f)'s paper code. */
async function queueParty(browser: Browser, baseURL: string) {
  const people = { a: await citizen(browser, baseURL, 'a'), b: await citizen(browser, baseURL, 'b'), c: await citizen(browser, baseURL, 'c'), f: await citizen(browser, baseURL, 'f') };
  await linkDemoRelative(people.a.page);
  return {
    people,
    /** Each pass logged exactly once at the venue, the fail not at all, read from every citizen's own 扫码记录. */
    async expectVisitedOnce(venue: string) {
      expect(await visitsAt(people.a.page, venue)).toBe(1);
      expect(await visitsAt(people.b.page, venue)).toBe(1);
      expect(await visitsAt(people.c.page, venue)).toBe(0);
      expect(await visitsAt(people.f.page, venue)).toBe(1);
    },
    async close() {
      await unlinkDemoRelative(people.a.page);
      for (const person of Object.values(people)) await person.context.close();
    },
  };
}

/** Phones of (a), (b) and (c) show their live codes; (a), linked to (f), prints (f)'s paper code. */
async function queueCodes(people: Record<'a' | 'b' | 'c', Page>): Promise<string[]> {
  const paper = (await (await people.a.request.post('/api/paper-code', { data: { subject: demoDependant.id } })).json()) as { code: string };
  const codes: string[] = [];
  for (const who of ['a', 'b', 'c'] as const) {
    await people[who].goto('/');
    codes.push(await readShownCode(people[who]));
  }
  return [...codes, paper.code];
}

/** What the queue should make the kiosk show and say: (c) is yellow, so fails the venue rule; the others pass. */
const expectedSpoken = ['zh-CN|张三，通过', 'zh-CN|李海，通过', 'zh-CN|王，未通过', 'zh-CN|张婆，通过'];

async function expectQueueSeen(kiosk: Page): Promise<void> {
  await expect.poll(async () => (await recorded(kiosk)).spoken.toSorted(), { timeout: 45_000 }).toEqual(expectedSpoken.toSorted());
  const { verdicts } = await recorded(kiosk);
  expect(verdicts).toHaveLength(4);
  const byName = (name: string) => verdicts.find((verdict) => verdict.includes(name)) ?? '';
  expect(byName('张*三')).toMatch(/verdict--pass.*通过.*绿码/);
  expect(byName('李*海')).toMatch(/verdict--pass/);
  expect(byName('王*')).toMatch(/verdict--fail.*不通过.*健康码为绿码：码色不符.*黄码/);
  expect(byName('张*婆')).toMatch(/verdict--pass.*纸质码/);
}

test('an owner pairs a kiosk; a queue of three phones and a paper code is checked, spoken and logged once each', async ({ browser, baseURL }) => {
  test.setTimeout(300_000);
  if (!baseURL) throw new Error('baseURL is not set');
  const party = await queueParty(browser, baseURL);
  const { a, b, c } = party.people;
  const venue = await registerVenue(a.page, '数字哨兵测试店');

  // Pairing through the owner's page: the link carries the token in its fragment.
  const owner = a.page;
  await owner.goto('/venues');
  const entry = owner.getByRole('listitem').filter({ hasText: '数字哨兵测试店' });
  await entry.getByRole('button', { name: '设为数字哨兵' }).click();
  await entry.getByLabel('设备名称').fill('东门平板');
  await entry.getByRole('button', { name: '生成配对码' }).click();
  await expect(entry.getByRole('img', { name: '东门平板 的数字哨兵配对二维码' })).toBeVisible();
  const link = await entry.getByTestId('kiosk-pairing-link').getAttribute('href');
  expect(link).toMatch(/\/kiosk#pair=ssk1\./);
  // The token names the kiosk (ssk1.<kioskId>.<secret>): the district licenses it before it works.
  await licenseKiosk(baseURL, /ssk1\.([A-Za-z0-9_-]+)\./.exec(decodeURIComponent(link ?? ''))?.[1] ?? '');

  const codes = await queueCodes({ a: a.page, b: b.page, c: c.page });
  const video = join(test.info().outputDir, 'queue.y4m');
  writeQrSequenceY4m(video, codes, { leadFrames: 20 });
  const camera = await launchWithCamera(video);
  try {
    const context = await phoneContext(camera, baseURL);
    await context.addInitScript(recordKiosk);
    const kiosk = await context.newPage();
    await kiosk.goto(link ?? '');
    await expect(kiosk.getByRole('heading', { name: '数字哨兵测试店' })).toBeVisible();
    // The token left the address bar once kept.
    expect(new URL(kiosk.url()).hash).toBe('');
    await expectQueueSeen(kiosk);
    await expect(kiosk.getByTestId('kiosk-sync')).toHaveText('登记已全部上传', { timeout: 20_000 });
    // The video loops: the same people keep coming into view within 10 s, and are not counted again.
    await kiosk.waitForTimeout(7_000);
    await expect(kiosk.getByTestId('kiosk-counts')).toContainText('本小时 通过 3 · 未通过 1');
    expect((await recorded(kiosk)).spoken).toHaveLength(4);

    await party.expectVisitedOnce(venue);

    // The owner sees the device and when it was last seen.
    await owner.goto('/venues');
    await owner.getByRole('listitem').filter({ hasText: '数字哨兵测试店' }).getByRole('button', { name: '设为数字哨兵' }).click();
    await expect(owner.getByText(/最近在线：/)).toBeVisible();
  } finally {
    await camera.close();
    await party.close();
  }
});

test('a kiosk offline during the queue keeps every pass and logs each once when the network returns', async ({ browser, baseURL }) => {
  test.setTimeout(300_000);
  if (!baseURL) throw new Error('baseURL is not set');
  const party = await queueParty(browser, baseURL);
  const { a, b, c } = party.people;
  const venue = await registerVenue(a.page, '离线哨兵测试店');
  const paired = (await (await a.page.request.post(`/api/venues/${venue}/kiosks`, { data: { label: '北门' } })).json()) as { kiosk: { id: string }; pairingToken: string };
  await licenseKiosk(baseURL, paired.kiosk.id);

  const codes = await queueCodes({ a: a.page, b: b.page, c: c.page });
  const video = join(test.info().outputDir, 'queue-offline.y4m');
  // Six empty seconds first: the kiosk goes offline before the first visitor arrives (and each person is back within 10 s).
  writeQrSequenceY4m(video, codes, { leadFrames: 60 });
  const camera = await launchWithCamera(video);
  try {
    const context = await phoneContext(camera, baseURL);
    await context.addInitScript(recordKiosk);
    const kiosk = await context.newPage();
    // A first visit must have the decoder before the network goes: offline, only what was loaded can read.
    const decoder = kiosk.waitForResponse((response) => response.url().endsWith('.wasm'), { timeout: 30_000 });
    await kiosk.goto(`/kiosk#pair=${encodeURIComponent(paired.pairingToken)}`);
    // Paired, keys and rules kept, the decoder here: the video is still in its empty seconds.
    await kiosk.locator('.kiosk-camera').waitFor({ state: 'attached', timeout: 30_000 });
    await decoder;
    await context.setOffline(true);
    await expectQueueSeen(kiosk);
    await expect(kiosk.getByTestId('kiosk-sync')).toHaveText('离线：登记保存在本机，联网后自动上传');
    expect(await visitsAt(a.page, venue)).toBe(0);

    await context.setOffline(false);
    await expect(kiosk.getByTestId('kiosk-sync')).toHaveText('登记已全部上传', { timeout: 30_000 });
    await party.expectVisitedOnce(venue);
    await expect(kiosk.getByTestId('kiosk-counts')).toContainText('本小时 通过 3 · 未通过 1');
  } finally {
    await camera.close();
    await party.close();
  }
});

test('the ID-number path: a wrong check character sends nothing, online it checks and logs, offline it says it needs the network, in Chinese and in English; a revoked kiosk says so', async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  if (!baseURL) throw new Error('baseURL is not set');
  const a = await citizen(browser, baseURL, 'a');
  const f = await citizen(browser, baseURL, 'f');
  const { venue, paired } = await deskKiosk(a.page, baseURL, '身份证核验店', '前台');

  const context = await browser.newContext({ baseURL });
  await context.addInitScript(recordKiosk);
  const kiosk = await context.newPage();
  const lookups: string[] = [];
  kiosk.on('request', (request) => {
    if (request.url().includes('/api/kiosk/id-lookups')) lookups.push(request.postData() ?? '');
  });
  try {
    await kiosk.goto(`/kiosk#pair=${encodeURIComponent(paired.pairingToken)}`);
    await expect(kiosk.getByRole('heading', { name: '身份证核验店' })).toBeVisible();
    const field = kiosk.getByLabel('身份证号');

    // The way a USB card reader types: the number, then Enter.
    await field.fill(`${demoDependant.idNumber.slice(0, 17)}5`);
    await field.press('Enter');
    await expect(kiosk.getByRole('alert')).toHaveText('身份证号不正确：应为18位，最后一位校验码要对。请核对后重新输入。');
    expect(lookups).toHaveLength(0);

    await field.fill(demoDependant.idNumber);
    await field.press('Enter');
    const verdict = kiosk.getByTestId('kiosk-verdict');
    await expect(verdict).toContainText('通过');
    await expect(verdict).toContainText('张*婆');
    await expect(verdict).toContainText('身份证号查询');
    // A typed number proves no one is at the door: the PASS logs no visit until the staff's confirm (docs/authority.md).
    await expect(verdict).not.toContainText('已登记');
    expect(lookups).toHaveLength(1);
    expect((await recorded(kiosk)).spoken).toEqual(['zh-CN|张婆，通过']);
    expect(await visitsAt(f.page, venue)).toBe(0);
    // 取消: the pass is dropped and nothing is logged.
    await kiosk.getByRole('button', { name: '取消' }).click();
    await expect(verdict).toBeHidden();
    expect(await visitsAt(f.page, venue)).toBe(0);

    await context.setOffline(true);
    await field.fill(demoDependant.idNumber);
    await field.press('Enter');
    await expect(kiosk.getByRole('alert')).toHaveText('身份证号查询需要联网，现在离线。请访客出示随申码或纸质码。');
    expect(lookups).toHaveLength(1);
    await context.setOffline(false);

    // A traveller who reads no Chinese: one tap turns the screen, its messages and its voice to English.
    await kiosk.getByRole('button', { name: /^English/ }).click();
    await expect(kiosk.getByText('Digital sentinel · Serving')).toBeVisible();
    const englishField = kiosk.getByLabel('ID number (visitors with no code; a card reader works too)');
    await context.setOffline(true);
    await englishField.fill(demoDependant.idNumber);
    await englishField.press('Enter');
    await expect(kiosk.getByRole('alert')).toHaveText('Looking up an ID number needs the network, and this device is offline. Ask the visitor for a Suishenma or paper code.');
    await context.setOffline(false);
    await englishField.fill(demoDependant.idNumber);
    await englishField.press('Enter');
    await expect(verdict).toContainText('PASS');
    await expect(verdict).toContainText('ID number lookup');
    expect((await recorded(kiosk)).spoken).toEqual(['zh-CN|张婆，通过', 'en-GB|张婆, pass']);
    await kiosk.getByRole('button', { name: 'Cancel' }).click();
    await expect(verdict).toBeHidden();
    await kiosk.getByRole('button', { name: /^中文/ }).click();
    await expect(kiosk.getByLabel('身份证号（无码人员，可用读卡器）')).toBeVisible();

    // The owner revokes the device (confirming first); its next request is refused and it forgets the pairing.
    await a.page.goto('/venues');
    const entry = a.page.getByRole('listitem').filter({ hasText: '身份证核验店' });
    await entry.getByRole('button', { name: '设为数字哨兵' }).click();
    await entry.getByRole('button', { name: '停用', exact: true }).click();
    await entry.getByRole('button', { name: '确定停用' }).click();
    await expect(entry.getByText(/已停用（/)).toBeVisible();
    await field.fill(demoDependant.idNumber);
    await field.press('Enter');
    await expect(kiosk.getByRole('heading', { name: '这台数字哨兵已被停用' })).toBeVisible();
    await kiosk.reload();
    await expect(kiosk.getByRole('heading', { name: '这台设备还不是数字哨兵' })).toBeVisible();
  } finally {
    await context.close();
    await a.context.close();
    await f.context.close();
  }
});

test('a typed passport lookup logs the visit only on 确认放行, once even after a failed confirm is retried; 取消 logs nothing', async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  if (!baseURL) throw new Error('baseURL is not set');
  const a = await citizen(browser, baseURL, 'a');
  const g = await citizen(browser, baseURL, 'g');
  const { venue, paired } = await deskKiosk(a.page, baseURL, '前台放行店', '服务台');

  const context = await browser.newContext({ baseURL, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const kiosk = await context.newPage();
  const sent = { lookups: 0, confirms: 0 };
  kiosk.on('request', (request) => {
    if (/\/api\/kiosk\/id-lookups\/[^/]+\/confirm$/.test(request.url())) sent.confirms++;
    else if (request.url().endsWith('/api/kiosk/id-lookups')) sent.lookups++;
  });
  try {
    await kiosk.goto(`/kiosk#pair=${encodeURIComponent(paired.pairingToken)}`);
    await expect(kiosk.getByRole('heading', { name: '前台放行店' })).toBeVisible();
    await kiosk.getByLabel('证件类型').selectOption({ label: '护照' });
    const number = kiosk.getByLabel('证件号码（护照）');
    const country = kiosk.getByLabel('签发国家');

    // Core's rules, on the device: a passport needs its issuing country, and a number its type allows.
    await number.fill('925076473');
    await kiosk.getByRole('button', { name: '查询' }).click();
    await expect(kiosk.getByRole('alert')).toHaveText('请填写护照签发国家：三位字母代码（如 GBR、USA），德国填 D。');
    await number.fill('A1');
    await country.fill('gbr');
    await kiosk.getByRole('button', { name: '查询' }).click();
    await expect(kiosk.getByRole('alert')).toHaveText('护照号码不正确：应为5到9位字母或数字。请核对后重新输入。');
    expect(sent.lookups).toBe(0);

    await number.fill('925 076 473');
    await kiosk.getByRole('button', { name: '查询' }).click();
    const verdict = kiosk.getByTestId('kiosk-verdict');
    await expect(verdict).toContainText('通过');
    await expect(verdict).toContainText('S**** O***** R***');
    await expect(verdict).toContainText('证件号码查询 · 护照（GBR）');
    await expect(verdict).toContainText('尚未登记');
    expect(sent).toEqual({ lookups: 1, confirms: 0 });
    expect(await visitsAt(g.page, venue)).toBe(0);
    // Both buttons in the lower half of a 390×844 screen, big enough for a thumb.
    const confirm = kiosk.getByRole('button', { name: '确认放行' });
    const cancel = kiosk.getByRole('button', { name: '取消' });
    for (const button of [confirm, cancel]) {
      const box = await button.boundingBox();
      expect(box && box.y > 844 / 2 && box.y + box.height <= 844 && box.height >= 64 && box.width >= 140).toBe(true);
    }
    await expectNoViolations(kiosk, 'kiosk typed pass waiting for the tap');

    // The first confirm never reaches the server: the screen says so, and the tap again logs the visit once.
    await kiosk.route('**/api/kiosk/id-lookups/*/confirm', (route) => route.abort('internetdisconnected'), { times: 1 });
    await confirm.click();
    await expect(verdict).toContainText('网络异常，到访尚未登记。请点「确认放行」重试。');
    expect(await visitsAt(g.page, venue)).toBe(0);
    await confirm.click();
    await expect(verdict).toContainText('已登记');
    await expect(verdict).toBeHidden({ timeout: 10_000 });
    expect(sent).toEqual({ lookups: 1, confirms: 2 });
    expect(await visitsAt(g.page, venue)).toBe(1);

    // A second lookup, and 取消: nothing is sent and nothing logged.
    await number.fill('925076473');
    await country.fill('GBR');
    await kiosk.getByRole('button', { name: '查询' }).click();
    await expect(verdict).toContainText('尚未登记');
    // On a kiosk tablet in landscape too, the buttons sit along the bottom edge.
    await kiosk.setViewportSize({ width: 1280, height: 800 });
    for (const button of [confirm, cancel]) {
      const box = await button.boundingBox();
      expect(box && box.y > 800 / 2 && box.y + box.height <= 800 && box.height >= 64).toBe(true);
    }
    await cancel.click();
    await expect(verdict).toBeHidden();
    expect(sent).toEqual({ lookups: 2, confirms: 2 });

    // In her own 扫码记录 the venue appears once; both lookups are in her 查询记录.
    expect(await visitsAt(g.page, venue)).toBe(1);
    await g.page.goto('/check-ins');
    await expect(g.page.getByRole('listitem').filter({ hasText: '前台放行店' })).toHaveCount(1);
    await g.page.goto('/settings/access-log');
    await expect(g.page.getByRole('listitem').filter({ hasText: venue })).toHaveCount(2);
  } finally {
    await context.close();
    await a.context.close();
    await g.context.close();
  }
});
