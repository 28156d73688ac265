/**
 * The review of self-tests waiting for review, over real HTTP on the suite's engine: who may review, what a
 * reviewer sees, what a decision changes (and never changes), and the citizen's access log.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AntigenUpload } from '../../core/contract/antigen.ts';
import { endpoints } from '../../core/contract/endpoints.ts';
import { reviewEndpoints } from '../../core/contract/antigen-review.ts';
import { credentialClaims } from '../../core/crypto/health-code.ts';
import { ecdsa, verifyToken } from '../../core/crypto/signed-token.ts';
import { cassetteJpeg } from '../../testing/images/jpeg.ts';
import { expectApiError, loginCookie, signingKeyLookup } from '../../testing/server/test-client.ts';
import { startTestServer } from '../../testing/server/test-server.ts';

type TestServer = Awaited<ReturnType<typeof startTestServer>>;
let server: TestServer;
let asA = '';
let reviewerKey = '';
let labKey = '';
let publicKey: { kty: 'EC'; crv: 'P-256'; x: string; y: string };

/** Strips drawn before the server starts (drawing is slow on a busy machine): a positive strip under a negative declaration goes to review. */
const disagreeing = (n: number) => cassetteJpeg(9300 + n, { control: 1, test: 0.8 });
const photos = {
  disagreeing: [disagreeing(1), disagreeing(2), disagreeing(3)] as const,
  agreeing: cassetteJpeg(9310),
  positiveDeclared: cassetteJpeg(9311),
};

beforeAll(async () => {
  server = await startTestServer();
  asA = await loginCookie(server.url, '13800000001');
  reviewerKey = await server.services.providers.add('reviewer-xuhui', 'antigen-review');
  labKey = await server.services.providers.add('lab', 'pcr-results,antigen-results');
  const device = await crypto.subtle.generateKey(ecdsa, false, ['sign', 'verify']);
  const jwk = await crypto.subtle.exportKey('jwk', device.publicKey);
  publicKey = { kty: 'EC', crv: 'P-256', x: jwk.x ?? '', y: jwk.y ?? '' };
}, 300_000);
afterAll(async () => {
  await server.close();
});

let uploads = 0;
/** Uploads a self-test of demo-a through the sync batch, as a phone would, and gives back its id. */
async function uploadSelfTest(photo: { bytes: Buffer; width: number; height: number }, result: AntigenUpload['result'], testedAt: number): Promise<string> {
  uploads += 1;
  const id = randomUUID();
  const payload: AntigenUpload = {
    testedAt: new Date(testedAt).toISOString(),
    result,
    kit: '万孚',
    lot: 'W2022040101',
    gtin: '06901234567892',
    serial: `R${uploads}-${randomUUID().slice(0, 8)}`,
    expiresOn: '2099-12-31',
    photo: { type: 'image/jpeg', width: photo.width, height: photo.height, bytes: photo.bytes.length, base64: photo.bytes.toString('base64') },
  };
  const response = await fetch(`${server.url}/api/sync/batch`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: asA },
    body: JSON.stringify({ items: [{ id, kind: 'antigen-test', payload }] }),
  });
  expect(endpoints.syncBatch.response.parse(await response.json()).results).toEqual([expect.objectContaining({ id, status: 'stored' })]);
  return id;
}

const reviewGet = (key?: string) => fetch(`${server.url}/api/review/antigen-tests`, { headers: key ? { authorization: `Bearer ${key}` } : {} });
const reviewPost = (id: string, body: unknown, key: string | undefined = reviewerKey) =>
  fetch(`${server.url}/api/review/antigen-tests/${encodeURIComponent(id)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify(body),
  });

async function queue() {
  const response = await reviewGet(reviewerKey);
  expect(response.status).toBe(200);
  return reviewEndpoints.antigenReviews.response.parse(await response.json()).tests;
}

async function citizenTests() {
  const response = await fetch(`${server.url}/api/citizens/demo-a/antigen-tests`, { headers: { cookie: asA } });
  return endpoints.antigenTests.response.parse(await response.json()).antigenTests;
}

async function credentialAntigen() {
  const response = await fetch(`${server.url}/api/credential`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: asA }, body: JSON.stringify({ publicKey }) });
  const issued = endpoints.credential.response.parse(await response.json());
  const verified = await verifyToken(issued.credential, await signingKeyLookup(server.url));
  return credentialClaims.parse(verified.ok ? verified.payload : null).a;
}

async function accessLog() {
  const response = await fetch(`${server.url}/api/me/access-log`, { headers: { cookie: asA } });
  return endpoints.accessLog.response.parse(await response.json()).entries;
}

const seconds = (ms: number) => Math.floor(ms / 1000);

describe('review of self-tests waiting for review', () => {
  it('lets only a key with the antigen-review scope read the queue or decide', async () => {
    await expectApiError(await reviewGet(), 401, 'unauthenticated');
    await expectApiError(await reviewGet('ssp_not-a-key'), 401, 'unauthenticated');
    await expectApiError(await reviewGet(labKey), 403, 'forbidden');
    await expectApiError(await reviewPost(`demo-a~${randomUUID()}`, { decision: 'confirm' }, labKey), 403, 'forbidden');
    // Nor can the reviewer's key send a feed.
    const feed = await fetch(`${server.url}/api/feeds/antigen-results`, { method: 'POST', headers: { authorization: `Bearer ${reviewerKey}`, 'content-type': 'application/x-ndjson' }, body: '' });
    await expectApiError(feed, 403, 'forbidden');
  });

  it('lists a disagreeing self-test with its photo and masked name only, not one that counts already, and logs the read', async () => {
    const testedAt = Date.now() - 2 * 3_600_000;
    const pending = await uploadSelfTest(photos.disagreeing[0], 'negative', testedAt);
    const verified = await uploadSelfTest(photos.agreeing, 'negative', testedAt);
    // A declared positive counts whatever its strip shows: nobody needs to review it.
    const positive = await uploadSelfTest(photos.positiveDeclared, 'positive', testedAt - 3_600_000);
    const tests = await citizenTests();
    expect(tests.find((test) => test.id === pending)).toMatchObject({ trust: 'self-review', result: 'negative' });
    expect(tests.find((test) => test.id === verified)?.trust).toBe('self-verified');
    expect(tests.find((test) => test.id === positive)?.trust).toBe('self-review');

    const before = (await accessLog()).length;
    const listed = await queue();
    expect(listed.map((item) => item.id)).toEqual([`demo-a~${pending}`]);
    const [item] = listed;
    expect(Object.keys(item ?? {}).sort()).toEqual(['id', 'kit', 'lot', 'maskedName', 'photo', 'result', 'testedAt', 'uploadedAt']);
    expect(item).toMatchObject({ maskedName: '张*三', result: 'negative', kit: '万孚', testedAt: new Date(testedAt).toISOString() });
    expect(Buffer.from(item?.photo?.base64 ?? '', 'base64')).toEqual(photos.disagreeing[0].bytes);
    const log = await accessLog();
    expect(log).toHaveLength(before + 1);
    expect(log[0]).toMatchObject({ actor: { kind: 'provider', label: 'reviewer-xuhui' }, purpose: 'antigen-review', data: 'antigen-tests' });
  });

  it('confirms: the result counts and goes into the signed code as self-verified, declared result unchanged', async () => {
    const testedAt = Date.now() - 30 * 60_000;
    const id = await uploadSelfTest(photos.disagreeing[1], 'negative', testedAt);
    // Waiting, it is not what the code carries.
    expect((await credentialAntigen())?.[1]).not.toBe(seconds(testedAt));
    const logged = (await accessLog()).length;

    const response = await reviewPost(`demo-a~${id}`, { decision: 'confirm', note: '  T line is a reflection  ' });
    expect(response.status).toBe(200);
    const { test } = reviewEndpoints.decideAntigenReview.response.parse(await response.json());
    expect(test).toMatchObject({ id, result: 'negative', trust: 'self-verified', review: { decision: 'confirmed', note: 'T line is a reflection' } });
    expect((await citizenTests()).find((stored) => stored.id === id)).toEqual(test);
    expect(await credentialAntigen()).toEqual(['n', seconds(testedAt), 'v']);
    expect((await accessLog()).length).toBe(logged + 1);

    expect((await queue()).map((item) => item.id)).not.toContain(`demo-a~${id}`);
    await expectApiError(await reviewPost(`demo-a~${id}`, { decision: 'reject' }), 404, 'not_found');
  });

  it('rejects: the result stays shown, as declared, marked rejected, and never counts', async () => {
    const testedAt = Date.now() - 10 * 60_000;
    const id = await uploadSelfTest(photos.disagreeing[2], 'negative', testedAt);
    const response = await reviewPost(`demo-a~${id}`, { decision: 'reject' });
    expect(response.status).toBe(200);
    const { test } = reviewEndpoints.decideAntigenReview.response.parse(await response.json());
    expect(test).toMatchObject({ id, result: 'negative', trust: 'self-review', review: { decision: 'rejected' } });
    expect(test.review?.note).toBeUndefined();
    expect((await citizenTests()).find((stored) => stored.id === id)).toEqual(test);
    expect((await credentialAntigen())?.[1]).not.toBe(seconds(testedAt));
    await expectApiError(await reviewPost(`demo-a~${id}`, { decision: 'confirm' }), 404, 'not_found');
  });

  it('refuses a bad decision or an id that names nothing waiting', async () => {
    const [item] = await queue();
    expect(item).toBeDefined();
    await expectApiError(await reviewPost(item?.id ?? '', { decision: 'approve' }), 400, 'invalid_body');
    await expectApiError(await reviewPost(item?.id ?? '', { decision: 'confirm', note: 'x'.repeat(201) }), 400, 'invalid_body');
    await expectApiError(await reviewPost(`demo-b~${(item?.id ?? '').split('~')[1]}`, { decision: 'confirm' }), 404, 'not_found');
    await expectApiError(await reviewPost('not-an-id', { decision: 'confirm' }), 404, 'not_found');
    // Nothing above changed the test.
    expect((await queue()).map((pending) => pending.id)).toContain(item?.id);
  });
});
