/**
 * Several API nodes over one database behave as one server: whatever a request leaves behind (session,
 * login code and its attempts, signing keys, venue codes, sync ids) is in the database, so the next
 * request may go to any node. Runs on both engines; on PostgreSQL this is how a deployment scales out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endpoints } from '../core/contract/endpoints.ts';
import type { SyncItemResult } from '../core/contract/sync.ts';
import { ecdsa } from '../core/crypto/signed-token.ts';
import type { RunningServer } from './server.ts';
import { loginCookie, postJson } from '../testing/server/test-client.ts';
import { startTestServer, testEngine, type TestServer } from '../testing/server/test-server.ts';

let nodeA: TestServer;
let nodeB: RunningServer;

beforeAll(async () => {
  nodeA = await startTestServer();
  nodeB = await nodeA.startNode();
});

afterAll(() => nodeA.close());

async function syncBatch(url: string, cookie: string, items: unknown[]): Promise<SyncItemResult[]> {
  const response = await postJson(url, '/sync/batch', { items }, cookie);
  expect(response.status).toBe(200);
  return endpoints.syncBatch.response.parse(await response.json()).results;
}

describe('two nodes over one database', () => {
  it('sign with one key set', async () => {
    const keysOf = async (url: string) => endpoints.signingKeys.response.parse(await (await fetch(`${url}/api/keys`)).json()).keys;
    const keysA = await keysOf(nodeA.url);
    expect(keysA).toHaveLength(1);
    expect(await keysOf(nodeB.url)).toEqual(keysA);
  });

  it('take a login on node A and serve the session, a credential and check-ins on node B', async () => {
    const cookie = await loginCookie(nodeA.url, '13800000001');
    const me = await fetch(`${nodeB.url}/api/me`, { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(endpoints.me.response.parse(await me.json()).citizen.id).toBe('demo-a');

    const device = await crypto.subtle.generateKey(ecdsa, false, ['sign', 'verify']);
    const jwk = await crypto.subtle.exportKey('jwk', device.publicKey);
    const credential = await postJson(nodeB.url, '/credential', { publicKey: { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y } }, cookie);
    expect(credential.status).toBe(200);

    const venue = await postJson(nodeA.url, '/venues', { name: '上海书城', district: '黄浦区', address: '福州路465号', kind: 'shop' }, cookie);
    const { token } = endpoints.registerVenue.response.parse(await venue.json()).venue;
    const id = crypto.randomUUID();
    const item = { id, kind: 'check-in', payload: { venueToken: token, scannedAt: new Date().toISOString() } };
    expect((await syncBatch(nodeB.url, cookie, [item]))[0]?.status).toBe('stored');
    expect((await syncBatch(nodeA.url, cookie, [item]))[0]?.status).toBe('duplicate');
    const list = await fetch(`${nodeA.url}/api/check-ins`, { headers: { cookie } });
    expect(endpoints.checkIns.response.parse(await list.json()).checkIns.filter((checkIn) => checkIn.id === id)).toHaveLength(1);

    await postJson(nodeB.url, '/auth/logout', {}, cookie);
    expect((await fetch(`${nodeA.url}/api/me`, { headers: { cookie } })).status).toBe(401);
  });

  // SQLite is one node's database: two processes writing it at once would wait on its file lock.
  it.runIf(testEngine === 'postgres')('store the same batch once when it reaches both nodes at the same moment', async () => {
    const cookie = await loginCookie(nodeA.url, '13800000002');
    const venue = await postJson(nodeA.url, '/venues', { name: '菜场', district: '徐汇区', address: '斜土路1号', kind: 'shop' }, cookie);
    const { token } = endpoints.registerVenue.response.parse(await venue.json()).venue;
    const items = Array.from({ length: 10 }, () => ({
      id: crypto.randomUUID(),
      kind: 'check-in',
      payload: { venueToken: token, scannedAt: new Date().toISOString() },
    }));
    const answers = await Promise.all([syncBatch(nodeA.url, cookie, items), syncBatch(nodeB.url, cookie, items), syncBatch(nodeA.url, cookie, items)]);
    for (const [index, item] of items.entries()) {
      const statuses = answers.map((results) => results[index]?.status).sort();
      expect(statuses, item.id).toEqual(['duplicate', 'duplicate', 'stored']);
    }
    const stored = await nodeA.query<{ n: number }>(
      `SELECT count(*) AS n FROM check_ins WHERE id IN (${items.map(() => '?').join(', ')})`,
      ...items.map((item) => item.id),
    );
    expect(stored).toEqual([{ n: items.length }]);
  });

  it('count a login code’s wrong attempts together, however the guesses are spread', async () => {
    const phone = '13800000003';
    await postJson(nodeA.url, '/auth/otp', { phone });
    const guesses = await Promise.all(
      Array.from({ length: 12 }, (_, index) => postJson(index % 2 ? nodeA.url : nodeB.url, '/auth/login', { phone, code: '000000' })),
    );
    const statuses = guesses.map((response) => response.status);
    expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(7);
    expect(await nodeA.query('SELECT attempts FROM otp_codes WHERE phone = ?', phone)).toEqual([{ attempts: 5 }]);
  });
});

describe('a sealed signing key', () => {
  const secret = 'a long random deployment secret';
  let sealed: TestServer;
  beforeAll(async () => {
    sealed = await startTestServer({ signingKeySecret: secret });
  });
  afterAll(() => sealed.close());

  it('is stored encrypted, opened by every node given the same secret, refused without it', async () => {
    const [row] = await sealed.query<{ private_jwk: string }>('SELECT private_jwk FROM signing_keys');
    expect(row?.private_jwk).toMatch(/^sealed:v1:/);
    expect(row?.private_jwk).not.toMatch(/"d"/);
    const twin = await sealed.startNode();
    const keys = async (url: string) => (await (await fetch(`${url}/api/keys`)).json()) as unknown;
    expect(await keys(twin.url)).toEqual(await keys(sealed.url));
    await expect(sealed.startNode({ signingKeySecret: 'another secret of enough length' })).rejects.toThrow(/does not open the signing key/);
    await expect(sealed.startNode({ signingKeySecret: undefined })).rejects.toThrow(/set SIGNING_KEY_SECRET/);
  });
});
