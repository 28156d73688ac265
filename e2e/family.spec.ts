import { expect, test } from '@playwright/test';
import { loginAsDemo } from '../testing/browser/e2e-support.ts';

test('citizen (a) links her elderly relative, sees the household and shows the relative’s code', async ({ page }) => {
  await loginAsDemo(page, 'a');
  await page.getByRole('link', { name: '亲友码' }).click();
  await expect(page.getByRole('heading', { name: '亲友码' })).toBeVisible();

  // Bad input first: a mistyped ID number is caught before anything is sent.
  await page.getByRole('textbox', { name: '家人姓名' }).fill('张阿婆');
  await page.getByRole('textbox', { name: '家人身份证号' }).fill('310101194206064567');
  await page.getByRole('button', { name: '向家人手机发送验证码' }).click();
  await expect(page.getByRole('alert')).toHaveText('身份证号应为18位，请核对最后一位校验码');

  await page.getByRole('textbox', { name: '家人姓名' }).fill('张三婆');
  await page.getByRole('textbox', { name: '家人身份证号' }).fill('310101194206064564');
  await page.getByRole('button', { name: '向家人手机发送验证码' }).click();
  // A wrong name is answered like a right one (issue 22), only without a code: nothing tells the two apart.
  await expect(page.getByRole('status')).toHaveText('如姓名与身份证号相符，验证码已发送至其登记手机。');

  await page.getByRole('textbox', { name: '家人姓名' }).fill('张阿婆');
  await page.getByRole('button', { name: '向家人手机发送验证码' }).click();
  const sent = page.getByText(/如姓名与身份证号相符，验证码已发送至其登记手机。 演示模式验证码：\d{6}/);
  await expect(sent).toBeVisible();
  const code = ((await sent.innerText()).match(/(\d{6})$/) ?? [])[1] ?? '';
  await page.getByRole('textbox', { name: '家人收到的验证码' }).fill(code);
  await page.getByRole('button', { name: '关联', exact: true }).click();
  await expect(page.getByText('已关联 张*婆')).toBeVisible();

  const household = page.getByRole('list', { name: '我的家庭' });
  await expect(household.getByRole('listitem')).toHaveCount(2);
  await expect(household.getByRole('listitem').nth(1)).toContainText('张*婆');
  await expect(household.getByRole('listitem').nth(1)).toContainText('绿码');
  await expect(household.getByRole('listitem').nth(1)).toContainText('核酸 48小时 阴性');

  await page.getByRole('link', { name: /返回/ }).click();
  await page.getByRole('radio', { name: '张*婆' }).check();
  await expect(page.getByText('正在出示家人 张*婆 的随申码')).toBeVisible();
  await expect(page.getByRole('img', { name: /随申码/ })).toHaveAccessibleName(/张\*婆/);
  await expect(page.getByRole('tab', { name: '核酸' })).toContainText('48小时 阴性');
  await page.reload();
  await expect(page.getByRole('img', { name: /随申码/ })).toHaveAccessibleName(/张\*婆/);

  await page.getByRole('radio', { name: /本人/ }).check();
  await expect(page.getByRole('img', { name: /随申码/ })).toHaveAccessibleName(/张\*三/);

  // Unlinking closes her records again and takes her off the panel.
  await page.getByRole('link', { name: '亲友码' }).click();
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: '取消关联 张*婆' }).click();
  await expect(page.getByRole('list', { name: '我的家庭' }).getByRole('listitem')).toHaveCount(1);
  expect((await page.request.get('/api/citizens/demo-f/pcr-tests')).status()).toBe(404);
  await page.getByRole('link', { name: /返回/ }).click();
  await expect(page.getByRole('radio')).toHaveCount(0);
});
