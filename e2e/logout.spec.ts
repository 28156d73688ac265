import { expect, test, type Page } from '@playwright/test';
import { demoDependant } from '../testing/server/test-client.ts';
import { checkInByLink, codeUrl, registerVenueInApp, serverCheckIns } from '../testing/codes/venues.ts';
import { waitForPersistedCache } from '../testing/browser/offline-support.ts';
import { linkDemoRelative, loginAsDemo, unlinkDemoRelative } from '../testing/browser/e2e-support.ts';
import { readStores } from '../testing/browser/indexed-db.ts';

interface StoredRows {
  'query-cache': string[];
  credentials: string[];
  'device-keys': string[];
  'check-ins': string[];
  settings: string[];
  outbox: { citizenId: string; kind: string }[];
}

/** What IndexedDB holds, read in the page: the keys of each store, and whose each outbox item is. */
async function storedRows(page: Page): Promise<StoredRows> {
  const { keys, rows } = await readStores(page, { keys: ['query-cache', 'credentials', 'device-keys', 'check-ins', 'settings'], rows: ['outbox'] });
  const keysOf = (store: string) => (keys[store] ?? []).map(String);
  const outbox = (rows.outbox ?? []) as { citizenId: string; kind: string }[];
  return {
    'query-cache': keysOf('query-cache'),
    credentials: keysOf('credentials'),
    'device-keys': keysOf('device-keys'),
    'check-ins': keysOf('check-ins'),
    settings: keysOf('settings'),
    outbox: outbox.map(({ citizenId, kind }) => ({ citizenId, kind })),
  };
}

test('logging out empties every store that holds the citizen’s data, and keeps their unsent check-in for their next login', async ({ page, context, baseURL }) => {
  if (!baseURL) throw new Error('baseURL is not set');
  await loginAsDemo(page, 'a');
  await linkDemoRelative(page);
  const venue = await registerVenueInApp(page, '福州路书城');

  // Her own code and her relative's: a credential and a device key for each.
  await page.goto('/');
  await expect(page.getByRole('img', { name: /随申码/ })).toHaveAccessibleName(/张\*三/);
  await page.goto(`/?who=${demoDependant.id}`);
  await expect(page.getByRole('img', { name: /随申码/ })).toHaveAccessibleName(/张\*婆/);
  await waitForPersistedCache(page, 'demo-a');

  // A check-in that cannot reach the server yet stays in the outbox.
  await context.route('**/api/sync/batch', (route) => route.abort('connectionrefused'));
  await checkInByLink(page, codeUrl(baseURL, venue), '福州路书城');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('福州路书城');
  await expect(page.getByRole('status').filter({ hasText: '待上传' })).toBeVisible();

  const before = await storedRows(page);
  expect(before['query-cache']).toEqual(['demo-a']);
  expect(before.credentials.sort()).toEqual(['demo-a', demoDependant.id].sort());
  expect(before['device-keys'].sort()).toEqual(['demo-a', demoDependant.id].sort());
  expect(before['check-ins']).toHaveLength(1);
  expect(before.outbox).toEqual([{ citizenId: 'demo-a', kind: 'check-in' }]);

  await page.goto('/');
  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page).toHaveURL(/\/login/);

  await expect.poll(() => storedRows(page)).toEqual({
    'query-cache': [],
    credentials: [],
    'device-keys': [],
    'check-ins': [],
    settings: [],
    outbox: [{ citizenId: 'demo-a', kind: 'check-in' }],
  });

  // Back online and signed in again, the kept check-in goes out once.
  await context.unrouteAll({ behavior: 'wait' });
  await loginAsDemo(page, 'a');
  await expect.poll(() => serverCheckIns(venue.number).map((row) => row.citizen_id), { timeout: 20_000 }).toEqual(['demo-a']);
  await unlinkDemoRelative(page);
});
