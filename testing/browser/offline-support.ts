/**
 * Helpers for the offline and antigen specs: waiting for the service worker and the persisted cache,
 * a generated cassette photo, the antigen form, and read-only looks into the server's SQLite file.
 */
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { encodePng } from '../images/png.ts';
import { readRow } from './indexed-db.ts';
import { cassetteScene, type Lines } from '../images/cassette-scene.ts';

export const e2eDataDir = 'e2e/.generated/data';

/** The service worker controls the page (the known trap: only then may the context go offline). */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
}

/** The query keys in a citizen's stored query cache, read straight from IndexedDB ([] when there is none). */
export async function persistedQueryKeys(page: Page, citizenId: string): Promise<unknown[][]> {
  const entry = (await readRow(page, 'query-cache', citizenId)) as { client?: { clientState?: { queries?: { queryKey: unknown[] }[] } } } | undefined;
  return (entry?.client?.clientState?.queries ?? []).map((query) => query.queryKey);
}

/** The query cache of the signed-in citizen is in IndexedDB with all four kinds of record. */
export async function waitForPersistedCache(page: Page, citizenId: string): Promise<void> {
  const kinds = async () => new Set((await persistedQueryKeys(page, citizenId)).map((queryKey) => queryKey[3]).filter(Boolean)).size;
  await expect.poll(kinds, { timeout: 15_000 }).toBe(4);
}

/**
 * A generated photo of a cassette whose strip shows `lines` (testing/images/cassette-fixture.ts), bigger
 * than the upload allows so the browser must shrink it. Each seed is a new photo: the server refuses one
 * it has seen before.
 */
export function cassettePhoto(seed: number, lines: Lines = { control: 1, test: 0 }): Buffer {
  const picture = cassetteScene(seed, lines, { width: 1080, height: 1440 }, (picture) => ({ seen: picture, value: picture }));
  return encodePng(picture.width, picture.height, (x, y) => {
    const offset = (y * picture.width + x) * 4;
    return [picture.data[offset] ?? 0, picture.data[offset + 1] ?? 0, picture.data[offset + 2] ?? 0, 255];
  });
}

const stripFor = { 阴性: { control: 1, test: 0 }, 阳性: { control: 1, test: 0.8 }, 无效: { control: 0, test: 0 } } as const;
let uploads = 0;

export interface AntigenEntry {
  result: '阴性' | '阳性' | '无效';
  kit: string;
  lot: string;
  /** What the strip in the photo shows, when it is not what is declared. */
  strip?: { control: number; test: number };
  /** The kit's GTIN (an approved one); the generated cassette's kit when not given. */
  gtin?: string;
  /** The cassette photo as a JPEG (a real-kit photo); a generated one when not given. */
  photo?: Buffer;
}

/** Fills and submits the antigen form from the panel's 抗原 tab, with a generated photo. */
export async function uploadAntigen(page: Page, entry: AntigenEntry): Promise<void> {
  await fillAntigenForm(page, entry);
  await page.getByRole('button', { name: '保存并上传' }).click();
}

/** Chooses a cassette photo on the antigen form and waits until it is shrunk for upload. */
export async function chooseCassettePhoto(page: Page, photo: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
  await page.getByLabel('检测卡照片').setInputFiles(photo);
  const caption = page.getByText(/照片已压缩：\d+×\d+，\d+KB/);
  await expect(caption).toBeVisible({ timeout: 20_000 });
  const [, width, height, kb] = /(\d+)×(\d+)，(\d+)KB/.exec(await caption.innerText()) ?? [];
  expect(Math.max(Number(width), Number(height))).toBeLessThanOrEqual(1280);
  expect(Number(kb)).toBeLessThanOrEqual(300);
}

/** Fills the antigen form from the panel's 抗原 tab, with a new serial each time, without submitting it. */
export async function fillAntigenForm(page: Page, entry: AntigenEntry): Promise<void> {
  await page.getByRole('tab', { name: '抗原' }).click();
  await page.getByRole('link', { name: '上传抗原结果' }).click();
  await expect(page.getByRole('heading', { name: '上传抗原自测结果' })).toBeVisible();
  await page.getByRole('radio', { name: entry.result }).check();
  // The whole line printed under the kit's barcode, as a person types it: the form splits it into its fields.
  uploads += 1;
  const serial = `E2E${Date.now().toString(36)}${uploads}`;
  await page.getByLabel('产品编码（01 后的数字）').fill(`(01)${entry.gtin ?? '06901234567892'}(17)991231(10)${entry.lot}(21)${serial}`);
  await expect(page.getByLabel('序列号（21，SN）')).toHaveValue(serial);
  await page.getByLabel('试剂品牌').fill(entry.kit);
  const seed = (Date.now() % 1_000_000) * 10 + uploads;
  const photo = entry.photo
    ? { name: 'cassette.jpg', mimeType: 'image/jpeg', buffer: entry.photo }
    : { name: 'cassette.png', mimeType: 'image/png', buffer: cassettePhoto(seed, entry.strip ?? stripFor[entry.result]) };
  await chooseCassettePhoto(page, photo);
}

/** Rows about antigen uploads with this kit name, read from the server's database without writing. */
export function storedUploads(kit: string, dataDir = e2eDataDir): { id: string; result: string; photoBytes: number; width: number; height: number; syncItems: number }[] {
  const db = new Database(join(dataDir, 'suishen.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare<[string], { id: string; result: string; photoBytes: number; width: number; height: number; syncItems: number }>(
        `SELECT t.id, t.result, length(p.bytes) AS photoBytes, p.width, p.height,
                (SELECT COUNT(*) FROM sync_items s WHERE s.id = t.id) AS syncItems
         FROM antigen_tests t JOIN antigen_photos p ON p.test_id = t.id WHERE t.kit = ?`,
      )
      .all(kit);
  } finally {
    db.close();
  }
}
