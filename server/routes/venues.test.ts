/** Venues and check-ins over real HTTP: registration signs a verifiable code, check-ins are idempotent and kept 14 days. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endpoints } from '../../core/contract/endpoints.ts';
import { venuePayload } from '../../core/contract/venues.ts';
import { keyLookupFromSet } from '../../core/crypto/keys.ts';
import { ecdsa, signToken, verifyToken } from '../../core/crypto/signed-token.ts';
import { expectApiError, loginCookie } from '../../testing/server/test-client.ts';
import { startTestServer } from '../../testing/server/test-server.ts';

type TestServer = Awaited<ReturnType<typeof startTestServer>>;

let server: TestServer;
let asA = '';
let asB = '';

beforeAll(async () => {
  server = await startTestServer();
  asA = await loginCookie(server.url, '13800000001');
  asB = await loginCookie(server.url, '13800000002');
});

afterAll(async () => {
  await server.close();
});

function call(method: string, path: string, cookie?: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = {};
  if (cookie) headers.cookie = cookie;
  if (body !== undefined) headers['content-type'] = 'application/json';
  return fetch(`${server.url}/api${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

const shop = { name: '<b>上海书城</b>', district: '黄浦区', address: '福州路465号', kind: 'shop' };

async function registerShop(cookie = asA) {
  const response = await call('POST', '/venues', cookie, shop);
  expect(response.status).toBe(201);
  return endpoints.registerVenue.response.parse(await response.json()).venue;
}

describe('POST /api/venues', () => {
  it('registers a venue with an 8-digit number and a token that verifies against the published keys', async () => {
    const venue = await registerShop();
    expect(venue.number).toMatch(/^\d{8}$/);
    expect(venue.name).toBe(shop.name);
    const keys = endpoints.signingKeys.response.parse(await (await call('GET', '/keys')).json()).keys;
    const verified = await verifyToken(venue.token, await keyLookupFromSet(keys));
    expect(verified.ok).toBe(true);
    if (verified.ok) expect(venuePayload.parse(verified.payload)).toEqual({ t: 'venue', id: venue.number, n: shop.name, d: shop.district, a: shop.address });
  });

  it('lists the owner’s venues, and finds any venue by number', async () => {
    const venue = await registerShop(asB);
    const mine = endpoints.myVenues.response.parse(await (await call('GET', '/venues', asB)).json()).venues;
    expect(mine.map((v) => v.number)).toContain(venue.number);
    const others = endpoints.myVenues.response.parse(await (await call('GET', '/venues', asA)).json()).venues;
    expect(others.map((v) => v.number)).not.toContain(venue.number);
    const found = endpoints.venueByNumber.response.parse(await (await call('GET', `/venues/${venue.number}`, asA)).json());
    expect(found.venue.token).toBe(venue.token);
    await expectApiError(await call('GET', '/venues/00000000', asA), 404, 'not_found');
    await expectApiError(await call('GET', '/venues/abc', asA), 404, 'not_found');
  });

  it('refuses bad bodies with 4xx JSON and needs a session', async () => {
    await expectApiError(await call('POST', '/venues', asA, { ...shop, name: '   ' }), 400, 'invalid_body');
    await expectApiError(await call('POST', '/venues', asA, { ...shop, kind: 'castle' }), 400, 'invalid_body');
    await expectApiError(await call('POST', '/venues', asA, { ...shop, address: '路'.repeat(81) }), 400, 'invalid_body');
    await expectApiError(await call('POST', '/venues', undefined, shop), 401, 'unauthenticated');
  });
});

/** Queues one check-in the way a device's outbox sends it. */
async function sendCheckIn(cookie: string, id: string, payload: unknown) {
  const response = await call('POST', '/sync/batch', cookie, { items: [{ id, kind: 'check-in', payload }] });
  expect(response.status).toBe(200);
  const [result] = endpoints.syncBatch.response.parse(await response.json()).results;
  if (!result) throw new Error('no result for the check-in');
  return result;
}

async function checkInsOf(cookie: string) {
  return endpoints.checkIns.response.parse(await (await call('GET', '/check-ins', cookie)).json()).checkIns;
}

describe("check-ins through the outbox (POST /api/sync/batch, kind 'check-in')", () => {
  it('stores a check-in once however often it is sent, and lists it for its citizen only', async () => {
    const venue = await registerShop();
    const id = crypto.randomUUID();
    const payload = { venueToken: venue.token, scannedAt: new Date().toISOString() };
    expect((await sendCheckIn(asA, id, payload)).status).toBe('stored');
    expect((await sendCheckIn(asA, id, payload)).status).toBe('duplicate');

    const list = await checkInsOf(asA);
    expect(list.filter((c) => c.id === id)).toHaveLength(1);
    expect(list.find((c) => c.id === id)).toMatchObject({ venueNumber: venue.number, venueName: shop.name, district: shop.district });
    expect((await checkInsOf(asB)).map((c) => c.id)).not.toContain(id);
    expect((await sendCheckIn(asB, id, payload)).status).toBe('rejected');
  });

  it('refuses a forged venue code, a token that is not one and a bad body, storing nothing', async () => {
    const venue = await registerShop();
    const forger = await crypto.subtle.generateKey(ecdsa, false, ['sign', 'verify']);
    const kid = venue.token.split('.')[1] ?? '';
    const forged = await signToken(forger.privateKey, kid, { t: 'venue', id: '12345678', n: 'x', d: 'y', a: 'z' });
    const scannedAt = new Date().toISOString();
    const future = new Date(Date.now() + 3600_000).toISOString();
    const refused = [
      [{ venueToken: forged, scannedAt }, 'invalid_venue_code'],
      [{ venueToken: 'hello', scannedAt }, 'invalid_venue_code'],
      [{ venueToken: venue.token.slice(0, -3), scannedAt }, 'invalid_venue_code'],
      [{ venueToken: venue.token }, 'invalid_body'],
      [{ venueToken: venue.token, scannedAt: future }, 'invalid_body'],
    ] as const;
    for (const [payload, code] of refused) {
      const id = crypto.randomUUID();
      const result = await sendCheckIn(asA, id, payload);
      expect(result).toMatchObject({ status: 'rejected', error: { code } });
      expect((await checkInsOf(asA)).map((c) => c.id)).not.toContain(id);
    }
  });

  it('deletes check-ins older than 14 days', async () => {
    const venue = await registerShop();
    const old = crypto.randomUUID();
    const recent = crypto.randomUUID();
    const day = 24 * 3600_000;
    expect((await sendCheckIn(asA, old, { venueToken: venue.token, scannedAt: new Date(Date.now() - 15 * day).toISOString() })).status).toBe('stored');
    expect((await sendCheckIn(asA, recent, { venueToken: venue.token, scannedAt: new Date(Date.now() - 13 * day).toISOString() })).status).toBe('stored');
    const ids = (await checkInsOf(asA)).map((c) => c.id);
    expect(ids).toContain(recent);
    expect(ids).not.toContain(old);
    expect(await server.query('SELECT count(*) AS n FROM check_ins WHERE id = ?', old)).toEqual([{ n: 0 }]);
  });
});
