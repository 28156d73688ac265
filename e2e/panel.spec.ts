import { expect, test } from '@playwright/test';
import { waitForPersistedCache } from '../testing/browser/offline-support.ts';
import { phone } from '../testing/browser/phone.ts';
import { demo, loginAsDemo } from '../testing/browser/e2e-support.ts';

const shanghaiHourMinute = () =>
  new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date());

test('the login screen lists the demo citizens (a) to (f) in order', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/login/);
  // The list comes with its own request after the login screen shows; allInnerTexts does not wait for it.
  await expect(page.getByRole('button', { name: /^演示 / }).first()).toBeVisible();
  const names = await page.getByRole('button', { name: /^演示 / }).allInnerTexts();
  expect(names.map((text) => text.split('\n')[0])).toEqual(Object.values(demo).map((d) => `演示 ${d.name} ${d.colour}`));
});

test('a first visit goes to the login screen without a failed request or an error in the console', async ({ page }) => {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
  });
  await page.goto('/');
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole('button', { name: /^演示 / }).first()).toBeVisible();
  expect(problems).toEqual([]);
});

test('citizen (a) sees the green code, a ticking Shanghai clock and all four tabs with the seeded records', async ({ page }) => {
  const foreignHosts: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith('http://localhost:') && !request.url().startsWith('data:')) foreignHosts.push(request.url());
  });

  await loginAsDemo(page, 'a');
  await expect(page.getByRole('heading', { name: '随申码' })).toBeVisible();
  await expect(page.getByText('张*三', { exact: true })).toBeVisible();
  await expect(page.getByText('310***********1234')).toBeVisible();
  const qr = page.getByRole('img', { name: /随申码/ });
  await expect(qr).toHaveAccessibleName(/张\*三.*绿码/);
  await expect(page.getByText('绿码', { exact: true })).toBeVisible();

  // The clock ticks, and shows Shanghai time although the device is in New York.
  const clock = page.locator('.live-clock__time');
  const first = await clock.innerText();
  expect(first.slice(0, 5)).toBe(shanghaiHourMinute());
  await expect(clock).not.toHaveText(first, { timeout: 3000 });

  const tabs = page.getByRole('tab');
  await expect(tabs).toHaveText([/^疫苗/, /^核酸/, /^行程/, /^抗原/]);

  await expect(page.getByRole('tab', { name: '核酸' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tab', { name: '核酸' })).toContainText('24小时 阴性');
  await expect(page.getByRole('tabpanel')).toContainText('上海市徐汇区中心医院');
  await expect(page.getByRole('tabpanel').getByRole('listitem')).toHaveCount(3);

  await page.getByRole('tab', { name: '疫苗' }).click();
  await expect(page.getByRole('tab', { name: '疫苗' })).toContainText('已完成全程接种 · 加强 1 剂');
  await expect(page.getByRole('tabpanel').getByRole('listitem')).toHaveCount(3);
  await expect(page.getByRole('tabpanel')).toContainText('第 3 剂');

  await page.getByRole('tab', { name: '行程' }).click();
  await expect(page.getByRole('tab', { name: '行程' })).toContainText('苏州市*');
  await expect(page.getByRole('tabpanel')).toContainText('苏州市*');
  await expect(page.getByRole('tabpanel')).toContainText('杭州市');

  await page.getByRole('tab', { name: '抗原' }).click();
  await expect(page.getByRole('tab', { name: '抗原' })).toContainText('24小时内 阴性');
  await expect(page.getByRole('tabpanel')).toContainText('万孚');

  // Keyboard users move between tabs with the arrow keys.
  await page.getByRole('tab', { name: '抗原' }).press('ArrowLeft');
  await expect(page.getByRole('tab', { name: '行程' })).toBeFocused();
  await expect(page.getByRole('tab', { name: '行程' })).toHaveAttribute('aria-selected', 'true');

  await expect(page.getByRole('link', { name: '扫一扫' })).toBeVisible();
  expect(foreignHosts).toEqual([]);
});

test('citizen (d) sees the red code', async ({ page }) => {
  await loginAsDemo(page, 'd');
  await expect(page.getByText('红码', { exact: true })).toBeVisible();
  await expect(page.getByRole('img', { name: /随申码/ })).toHaveAccessibleName(/红码/);
  await expect(page.locator('.code-qr--red')).toBeVisible();
});

test('citizen (e) has no vaccination and citizen (b) a PCR older than 48 hours', async ({ page }) => {
  await loginAsDemo(page, 'e');
  await expect(page.getByRole('tab', { name: '疫苗' })).toContainText('未接种');
  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page).toHaveURL(/\/login/);
  await loginAsDemo(page, 'b');
  await expect(page.getByRole('tab', { name: '核酸' })).toContainText('72小时 阴性');
});

test('switching to English changes every label and survives a reload', async ({ page }) => {
  await loginAsDemo(page, 'a');
  await page.getByRole('button', { name: '切换到英文' }).click();
  await expect(page.getByText('Green code', { exact: true })).toBeVisible();
  await expect(page.getByRole('tab')).toHaveText([/^Vaccine/, /^PCR/, /^Itinerary/, /^Antigen/]);
  await expect(page.getByRole('tab', { name: 'PCR' })).toContainText('24 hours Negative');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.reload();
  await expect(page.getByRole('link', { name: 'Scan' })).toBeVisible();
  await page.getByRole('button', { name: 'Switch to Chinese' }).click();
  await expect(page.getByRole('link', { name: '扫一扫' })).toBeVisible();
});

test('logging in by phone number shows the demo code and refuses bad input plainly', async ({ page }) => {
  await page.goto('/login');
  const phone = page.getByRole('textbox', { name: '手机号码' });
  await phone.fill('12345');
  await page.getByRole('button', { name: '获取验证码' }).click();
  await expect(page.getByRole('alert')).toHaveText('请输入11位手机号码，例如 13800000001');

  // An unregistered number is answered like any other, so the screen cannot tell who has an account.
  await phone.fill('13900000000');
  await page.getByRole('button', { name: '获取验证码' }).click();
  await expect(page.getByRole('status')).toHaveText('若该号码已登记，验证码已发送。');

  await phone.fill(demo.c.phone);
  await page.getByRole('button', { name: '获取验证码' }).click();
  const demoCode = page.getByText(/演示模式验证码：\d{6}/);
  await expect(demoCode).toBeVisible();
  const code = (await demoCode.innerText()).replace(/\D/g, '');

  const codeBox = page.getByRole('textbox', { name: '验证码' });
  await codeBox.fill(code === '000000' ? '111111' : '000000');
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page.getByRole('alert')).toHaveText('验证码不正确，请重新输入。');

  await codeBox.fill(code);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page.getByText('黄码', { exact: true })).toBeVisible();
});

test('a deep link survives the login detour', async ({ page }) => {
  await page.goto('/settings');
  await page.goto('/scan');
  await expect(page).toHaveURL(/\/login\?next=%2Fscan/);
  await page.getByRole('button', { name: /^演示 张\*三/ }).click();
  await expect(page).toHaveURL(/\/scan$/);
});

test('the panel fits a 320 px wide phone without sideways scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await loginAsDemo(page, 'a');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expect(page.getByRole('link', { name: '扫一扫' })).toBeInViewport();
});

test('the server sends its security headers with the app', async ({ request }) => {
  const response = await request.get('/');
  expect(response.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(response.headers()['x-content-type-options']).toBe('nosniff');
  expect((await request.get('/assets/does-not-exist.js')).status()).toBe(404);
  expect((await request.get('/robots.txt')).status()).toBe(200);
});

test('a first visit with a session asks the server who is logged in once, and a return visit asks again', async ({ page, browser, baseURL }) => {
  await loginAsDemo(page, 'a');
  // A browser with the session cookie and nothing else: no service worker, no cached answers (as Lighthouse loads it).
  const fresh = await browser.newContext({ ...phone, baseURL, storageState: { cookies: await page.context().cookies(), origins: [] } });
  const panel = await fresh.newPage();
  const sessionRequests: string[] = [];
  panel.on('request', (request) => {
    if (new URL(request.url()).pathname === '/api/session') sessionRequests.push(request.url());
  });
  await panel.goto('/');
  await expect(panel.getByRole('img', { name: /随申码/ })).toBeVisible();
  await expect(panel.getByRole('tab', { name: '核酸' })).toContainText('24小时 阴性');
  await panel.waitForLoadState('networkidle');
  expect(sessionRequests).toHaveLength(1);

  // Back a moment later, the answers of this visit restored from the phone: the colour may have changed since, so it asks.
  await waitForPersistedCache(panel, 'demo-a');
  await panel.reload();
  await expect(panel.getByRole('img', { name: /随申码/ })).toBeVisible();
  await expect.poll(() => sessionRequests.length).toBe(2);
  await fresh.close();
});
