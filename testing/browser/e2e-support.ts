import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { demoDependant } from '../server/test-client.ts';

/** Demo citizens in the order the login screen lists them, (a) to (h). */
export const demo = {
  a: { name: '张*三', colour: '绿码', phone: '13800000001' },
  b: { name: '李*海', colour: '绿码', phone: '13800000002' },
  c: { name: '王*', colour: '黄码', phone: '13800000003' },
  d: { name: '赵*六', colour: '红码', phone: '13800000004' },
  e: { name: '陈*', colour: '绿码', phone: '13800000005' },
  f: { name: '张*婆', colour: '绿码', phone: '13800000006' },
  /** A foreign resident by passport, and a Hong Kong resident by 回乡证 (core/identity/). */
  g: { name: 'S**** O***** R***', colour: '绿码', phone: '13800000007' },
  h: { name: '陈*欣', colour: '绿码', phone: '13800000008' },
} as const;

export async function loginAsDemo(page: Page, who: keyof typeof demo): Promise<void> {
  const { name } = demo[who];
  await page.goto('/login');
  // Either language: 演示 张*三 绿码 / Demo 张*三 Green code.
  await page.getByRole('button', { name: new RegExp(`^(演示|Demo) ${name.replaceAll('*', '\\*')} `) }).click();
  await expect(page.getByRole('img', { name: /随申码/ })).toBeVisible();
}

/** WCAG 2.x A and AA, as axe-core tags them. */
const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export async function expectNoViolations(page: Page, screen: string) {
  const { violations } = await new AxeBuilder({ page }).withTags(wcagTags).analyze();
  const summary = violations.map((v) => `${screen}: ${v.id} (${v.impact ?? ''}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary).toEqual([]);
}

/** Links citizen (a)'s relative through the real verification step, from a page logged in as (a). */
export async function linkDemoRelative(page: Page): Promise<void> {
  const { name, idNumber } = demoDependant;
  const sent = (await (await page.request.post('/api/family/code', { data: { name, idNumber } })).json()) as { demoCode: string };
  expect((await page.request.post('/api/family/links', { data: { name, idNumber, code: sent.demoCode } })).status()).toBe(200);
}

/** Leaves the shared server as later specs expect it: the relative not linked. */
export async function unlinkDemoRelative(page: Page): Promise<void> {
  expect((await page.request.delete(`/api/family/links/${demoDependant.id}`)).status()).toBe(200);
}
