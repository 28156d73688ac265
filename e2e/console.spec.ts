import { execFileSync } from 'node:child_process';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectNoViolations } from '../testing/browser/e2e-support.ts';

/** A desk's screen: the console is used at a desk as much as on a phone (the project's default). */
const desktop = { viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false } as const;

/** Chromium's virtual authenticator: a platform passkey that answers with user verification, no prompt. */
async function withPasskeys(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
}

async function operatorPage(browser: Browser, baseURL: string, language: 'zh' | 'en' = 'zh', viewport: 'desktop' | 'phone' = 'desktop'): Promise<Page> {
  const context = await browser.newContext({ baseURL, ...(viewport === 'desktop' ? desktop : {}) });
  await context.addInitScript((lang) => localStorage.setItem('suishen.language', lang), language);
  const page = await context.newPage();
  await withPasskeys(page);
  return page;
}

/** The demo district operator signs in: phone code filled by the demo, then a passkey made on the spot. */
async function signInAsDemoOperator(page: Page, language: 'zh' | 'en' = 'zh'): Promise<void> {
  await page.goto('/console');
  await page.getByRole('button', { name: language === 'zh' ? /^演示：静安区工作人员/ : /^Demo: 静安区 district operator/ }).click();
  await page.getByRole('button', { name: language === 'zh' ? '创建通行密钥' : 'Make a passkey' }).click();
  await expect(page.getByRole('navigation', { name: language === 'zh' ? '管理功能' : 'Console sections' })).toBeVisible();
}

/** Registers a venue in 静安区 from the owner's page and gives back its number, read off the poster's address. */
async function registerVenue(page: Page, name: string, address: string): Promise<string> {
  await page.goto('/venues');
  await page.getByLabel('场所名称').fill(name);
  await page.getByLabel('所在区').fill('静安区');
  await page.getByLabel('详细地址').fill(address);
  await page.getByRole('button', { name: '生成场所码' }).click();
  await expect(page).toHaveURL(/\/venues\/\d{8}\/poster$/);
  return /\/venues\/(\d{8})\//.exec(page.url())?.[1] ?? '';
}

test('a citizen registers a venue, the district operator approves it with a passkey, and licenses the kiosk the owner asks for', async ({ page, browser, baseURL }) => {
  // Two registrations, a refusal and a licence on the shared, loaded machine: 3 minutes.
  test.setTimeout(180_000);
  if (!baseURL) throw new Error('baseURL is not set');
  const suffix = Date.now() % 100_000;
  const name = `审核测试店${suffix}`;

  // loginAsDemo's 10 s for the first panel paint was too short on the shared, loaded machine: the same steps, 30 s.
  await page.goto('/login');
  await page.getByRole('button', { name: /^演示 李\*海 / }).click();
  await expect(page.getByRole('img', { name: /随申码/ })).toBeVisible({ timeout: 30_000 });
  const number = await registerVenue(page, name, '南京西路1号');
  // A second registration, which the operator will refuse with a reason its owner must be told.
  const refusedName = `拒绝测试店${suffix}`;
  await registerVenue(page, refusedName, '南京西路2号');
  await page.goto('/venues');
  const mine = page.getByRole('listitem').filter({ hasText: name });
  await expect(mine.getByText('待审核', { exact: true })).toBeVisible();
  await expect(mine.getByRole('button', { name: '设为数字哨兵' })).toHaveCount(0);
  await expectNoViolations(page, 'venues with a pending venue');

  const operator = await operatorPage(browser, baseURL);
  await signInAsDemoOperator(operator);
  const pending = operator.getByRole('article', { name });
  await expect(pending.getByText('南京西路1号')).toBeVisible();
  await expect(pending.getByText(/^李四海 · .*0002$/)).toBeVisible();
  await pending.getByRole('button', { name: '核实通过' }).click();
  await expect(operator.getByRole('status').filter({ hasText: `已核实「${name}」` })).toBeVisible();
  await expect(operator.getByRole('article', { name })).toHaveCount(0);

  const reason = '营业执照上的名称与登记名称不一致';
  const toRefuse = operator.getByRole('article', { name: refusedName });
  await toRefuse.getByRole('button', { name: '不予通过' }).click();
  await toRefuse.getByLabel('拒绝理由（登记人会看到）').fill(reason);
  await toRefuse.getByRole('button', { name: '确认拒绝' }).click();
  await expect(operator.getByRole('status').filter({ hasText: `已拒绝「${refusedName}」` })).toBeVisible();

  await page.reload();
  await expect(mine.getByText('已通过', { exact: true })).toBeVisible({ timeout: 30_000 });
  // The refused venue's owner reads the operator's own words, and what to do next.
  const refused = page.getByRole('listitem').filter({ hasText: refusedName });
  await expect(refused.getByText('未通过', { exact: true })).toBeVisible();
  await expect(refused.getByText(`未通过的理由：${reason}`)).toBeVisible();
  await expect(refused.getByText(/重新登记.*联系静安区卫生健康委员会复核/)).toBeVisible();
  await expect(refused.getByRole('button', { name: '设为数字哨兵' })).toHaveCount(0);
  await expectNoViolations(page, 'venues with an approved and a refused venue');
  await mine.getByRole('button', { name: '设为数字哨兵' }).click();
  await mine.getByLabel('设备名称').fill('前台平板');
  await mine.getByRole('button', { name: '生成配对码' }).click();
  await expect(mine.getByTestId('kiosk-pairing-link')).toBeVisible();
  await mine.getByRole('button', { name: '已完成配对' }).click();
  await expect(mine.getByRole('listitem').filter({ hasText: '前台平板' }).getByText('待许可')).toBeVisible();

  await operator.getByRole('link', { name: '数字哨兵' }).click();
  const request = operator.getByRole('region', { name: '待许可的数字哨兵申请' }).getByRole('article', { name: `前台平板 · ${name}` });
  await expect(request.getByText(`${name}（${number}）`, { exact: false })).toBeVisible();
  await request.getByRole('button', { name: '许可', exact: true }).click();
  const licensed = operator.getByRole('region', { name: '已许可的数字哨兵' }).getByRole('article', { name: `前台平板 · ${name}` });
  await expect(licensed.getByText('已许可')).toBeVisible();
  await expect(licensed.getByText('尚未同步')).toBeVisible();
  await licensed.getByRole('checkbox', { name: /允许手工输入身份证号/ }).check();
  await expect(licensed.getByRole('checkbox', { name: /允许手工输入身份证号/ })).toBeChecked();

  await page.reload();
  await mine.getByRole('button', { name: '设为数字哨兵' }).click();
  await expect(mine.getByRole('listitem').filter({ hasText: '前台平板' }).getByText('已许可')).toBeVisible();

  await operator.getByRole('link', { name: '我的操作记录' }).click();
  await expect(operator.getByText(`核实场所 ${number}`)).toBeVisible();
  await expect(operator.getByText(/^许可数字哨兵 /)).toBeVisible();
  await expectNoViolations(operator, 'console audit, desktop');

  await operator.getByRole('button', { name: '退出登录' }).click();
  await expect(operator.getByRole('heading', { name: '工作人员登录' })).toBeVisible();
  await operator.context().close();
});

for (const language of ['zh', 'en'] as const) {
  test(`the console passes axe in ${language}, on a phone`, async ({ browser, baseURL }) => {
    if (!baseURL) throw new Error('baseURL is not set');
    const page = await operatorPage(browser, baseURL, language, 'phone');
    await page.goto('/console');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectNoViolations(page, `console login ${language}`);
    await signInAsDemoOperator(page, language);
    const sections = language === 'zh' ? ['场所审核', '数字哨兵', '抗原复核', '我的操作记录'] : ['Venue review', 'Digital sentinels', 'Antigen review', 'My actions'];
    for (const section of sections) {
      await page.getByRole('link', { name: section }).click();
      await expect(page.getByRole('link', { name: section })).toHaveAttribute('aria-current', 'page');
      await expect(page.getByRole('status').filter({ hasText: /加载|Loading/ })).toHaveCount(0);
      await expectNoViolations(page, `console ${section}`);
    }
    await page.context().close();
  });
}

test('a city administrator adds a data provider and sees its key once', async ({ browser, baseURL }) => {
  if (!baseURL) throw new Error('baseURL is not set');
  const page = await operatorPage(browser, baseURL, 'en');
  await page.goto('/console');
  await page.getByRole('button', { name: /^Demo: city administrator/ }).click();
  await page.getByRole('button', { name: 'Make a passkey' }).click();
  await page.getByRole('link', { name: 'Data providers' }).click();
  const name = `lab-${Date.now() % 100_000}`;
  await page.getByLabel(/^Name/).fill(name);
  await page.getByRole('checkbox', { name: 'PCR results' }).check();
  await page.getByRole('button', { name: 'Add and make a key' }).click();
  await expect(page.getByRole('status').filter({ hasText: `The key of “${name}” is shown only this once` }).locator('code')).not.toBeEmpty();
  await expect(page.getByRole('region', { name: 'Data providers' }).getByRole('heading', { name })).toBeVisible();
  await expectNoViolations(page, 'console providers, desktop');
  await page.context().close();
});

/** An operator made with the deployment's own tool, on the database the e2e server runs on: no demo passkey rule. */
function addOperator(phone: string): void {
  execFileSync('npx', ['tsx', 'server/admin.ts', 'operator', 'add', '--phone', phone, '--name', '周审核', '--role', 'city-admin'], {
    env: { ...process.env, DATA_DIR: 'e2e/.generated/data' },
    encoding: 'utf8',
  });
}

async function signInByPhone(page: Page, phone: string): Promise<void> {
  await page.goto('/console');
  await page.getByLabel('Phone number').fill(phone);
  await page.getByRole('button', { name: 'Get a code' }).click();
  await expect(page.getByLabel('Code')).toHaveValue(/^\d{6}$/);
  await page.getByRole('button', { name: 'Next' }).click();
}

test('an operator’s second sign-in is confirmed with the passkey her first one made', async ({ browser, baseURL }) => {
  if (!baseURL) throw new Error('baseURL is not set');
  const phone = `1390001${String(Date.now() % 10_000).padStart(4, '0')}`;
  addOperator(phone);
  const page = await operatorPage(browser, baseURL, 'en');
  await signInByPhone(page, phone);
  await page.getByRole('button', { name: 'Make a passkey' }).click();
  await expect(page.getByRole('navigation', { name: 'Console sections' })).toBeVisible();
  await page.getByRole('button', { name: 'Sign out' }).click();

  await signInByPhone(page, phone);
  await expect(page.getByRole('button', { name: 'Use my passkey' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Make a passkey' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Use my passkey' }).click();
  await expect(page.getByRole('navigation', { name: 'Console sections' })).toBeVisible();
  await page.getByRole('link', { name: 'My actions' }).click();
  await expect(page.getByRole('main')).toContainText('Signed in');

  await page.context().close();
});
