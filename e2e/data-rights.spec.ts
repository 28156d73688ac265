/**
 * The citizen's data rights in the real app: 查询记录 shows a guardian's read, 导出我的数据 saves a file
 * holding it, and 注销账号 deletes the account so that logging in with that phone again finds nothing.
 * The citizen is one a registry sends for this spec (with demo citizen (a) as guardian), so the demo
 * citizens other specs use are left as they were.
 */
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { myData } from '../core/contract/account.ts';
import { expectNoViolations, loginAsDemo } from '../testing/browser/e2e-support.ts';
import { readStores } from '../testing/browser/indexed-db.ts';
import { withCheckCharacter } from '../testing/server/post-feed.ts';

const citizen = { name: '孙小明', masked: '孙*明', idNumber: withCheckCharacter('31010419880808123'), phone: '13900000088' };
const guardianIdNumber = '310101199001011234';

/** A provider key for the database the e2e server runs on, made with the operator's own tool. */
function registryKey(): string {
  const output = execFileSync('npx', ['tsx', 'server/admin.ts', 'provider', 'add', `e2e-registry-${Date.now()}`, '--scopes', 'citizens'], {
    env: { ...process.env, DATA_DIR: 'e2e/.generated/data' },
    encoding: 'utf8',
  });
  return output.trim().split('\n').at(-1) ?? '';
}

/** Types the phone, asks for a code and reads the one demo mode shows; undefined when none is given. */
async function requestCode(page: Page, phone: string): Promise<string | undefined> {
  await page.goto('/login');
  await page.getByRole('textbox', { name: '手机号码' }).fill(phone);
  await page.getByRole('button', { name: '获取验证码' }).click();
  const shown = page.getByText(/演示模式验证码：\d{6}/);
  // An unregistered number gets the answer a registered one gets outside demo mode, and no code.
  const sentIfRegistered = page.getByText('若该号码已登记，验证码已发送。');
  await expect(shown.or(sentIfRegistered)).toBeVisible();
  return (await shown.isVisible()) ? /\d{6}/.exec((await shown.textContent()) ?? '')?.[0] : undefined;
}

async function logInByPhone(page: Page, phone: string): Promise<void> {
  const code = await requestCode(page, phone);
  expect(code).toBeDefined();
  await page.getByRole('textbox', { name: '验证码' }).fill(code ?? '');
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page.getByRole('img', { name: /随申码/ })).toBeVisible();
}

test('查询记录 shows a guardian’s read; export, then delete, then logging in again finds nothing', async ({ page }) => {
  const line = { externalId: 'e2e-rights-1', idNumber: citizen.idNumber, name: citizen.name, phone: citizen.phone, guardianIdNumber };
  const fed = await page.request.post('/api/feeds/citizens', {
    headers: { authorization: `Bearer ${registryKey()}`, 'content-type': 'application/x-ndjson' },
    data: `${JSON.stringify(line)}\n`,
  });
  expect(await fed.json()).toMatchObject({ summary: { stored: 1, rejected: 0 } });

  // The guardian shows the relative's code on the panel: the app reads her records.
  await loginAsDemo(page, 'a');
  await page.getByRole('radio', { name: citizen.masked }).check();
  await expect(page.getByRole('img', { name: /随申码/ })).toHaveAccessibleName(new RegExp(citizen.masked.replace('*', '\\*')));
  await page.getByRole('tab', { name: '核酸' }).click();
  await page.getByRole('radio', { name: /本人/ }).check();
  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page).toHaveURL(/\/login/);

  await logInByPhone(page, citizen.phone);
  await page.getByRole('link', { name: '设置' }).click();
  await page.getByRole('link', { name: '查询记录' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '查询记录' })).toBeVisible();
  const entries = page.getByRole('listitem');
  await expect(entries.first()).toContainText('张*三');
  await expect(entries.first()).toContainText('家人');
  await expect(entries.first()).toContainText('通过亲友码代为查看');
  await expect(page.getByText('核酸检测记录')).not.toHaveCount(0);
  await expectNoViolations(page, 'access log');

  await page.getByRole('link', { name: /返回/ }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出我的数据' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^随申码-我的数据-\d{4}-\d{2}-\d{2}\.json$/);
  const exported = myData.parse(JSON.parse(await readFile(await file.path(), 'utf8')));
  expect(exported.citizen).toMatchObject({ name: citizen.name, idNumber: citizen.idNumber, phone: citizen.phone });
  expect(exported.family.guardians).toMatchObject([{ maskedName: '张*三' }]);
  expect(exported.accessLog.some((entry) => entry.actor.label === '张*三' && entry.data === 'pcr-tests')).toBe(true);
  await expect(page.getByRole('status').filter({ hasText: '已保存文件' })).toBeVisible();

  await page.getByRole('link', { name: '注销账号' }).click();
  await expect(page.getByRole('heading', { name: '注销后无法恢复' })).toBeVisible();
  await expect(page.getByText('亲友码关联（您关联的家人和关联您的家人）')).toBeVisible();
  await expectNoViolations(page, 'delete account');
  await page.getByRole('button', { name: '永久注销账号' }).click();
  await expect(page.getByRole('alert')).toHaveText('请输入短信中的6位数字验证码');
  await page.getByRole('button', { name: '获取验证码' }).click();
  const sent = page.getByText(/验证码已发送至 139\*\*\*\*0088。 演示模式验证码：\d{6}/);
  await expect(sent).toBeVisible();
  await page.getByRole('textbox', { name: '验证码' }).fill(/(\d{6})$/.exec((await sent.textContent()) ?? '')?.[1] ?? '');
  await page.getByRole('button', { name: '永久注销账号' }).click();
  await expect(page.getByRole('alert')).toHaveText('请先勾选确认');
  await page.getByRole('checkbox', { name: /我已了解/ }).check();
  await page.getByRole('button', { name: '永久注销账号' }).click();
  await expect(page.getByRole('heading', { name: '账号已注销' })).toBeVisible();
  await expectNoViolations(page, 'account deleted');

  // Nothing of the account is left on the phone: no cached records, no last citizen to restore.
  const { rows } = await readStores(page, { rows: ['query-cache', 'outbox', 'credentials', 'device-keys'] });
  const kept = JSON.stringify([rows['query-cache'], rows.outbox, rows.credentials, rows['device-keys']]);
  expect(kept).not.toContain(citizen.masked);
  expect(kept).not.toContain(exported.citizen.id);

  // Logging in again with that phone finds nothing: no code is shown for a number that is no one's, and a
  // guessed one logs no one in.
  await page.getByRole('link', { name: '登录随申码' }).click();
  expect(await requestCode(page, citizen.phone)).toBeUndefined();
  await page.getByRole('textbox', { name: '验证码' }).fill('000000');
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(page.getByRole('img', { name: /随申码/ })).toHaveCount(0);

  // The guardian's household no longer lists them.
  await loginAsDemo(page, 'a');
  await expect(page.getByRole('radio', { name: citizen.masked })).toHaveCount(0);
});
