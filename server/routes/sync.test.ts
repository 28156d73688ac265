/**
 * The sync endpoints over real HTTP and a real database: an id is stored once however often it arrives,
 * bad items are refused with 4xx and a reason, and an antigen upload that lies about its photo
 * (size, type, dimensions) is refused while its honest neighbours in the batch are stored.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AntigenUpload } from '../../core/contract/antigen.ts';
import { endpoints } from '../../core/contract/endpoints.ts';
import type { SyncItemResult } from '../../core/contract/sync.ts';
import { adjustRaster } from '../../testing/images/cassette-fixture.ts';
import { resizeRaster } from '../../core/antigen/raster.ts';
import { gs1CheckDigit } from '../../core/gs1.ts';
import { decodeCassettePhoto } from '../services/antigen-checks.ts';
import { cassetteJpeg, encodeJpeg, fakeJpeg } from '../../testing/images/jpeg.ts';
import { loginCookie } from '../../testing/server/test-client.ts';
import { startTestServer } from '../../testing/server/test-server.ts';

type TestServer = Awaited<ReturnType<typeof startTestServer>>;
let server: TestServer;
let asA = '';
let asB = '';

const freshPhotos: ReturnType<typeof cassetteJpeg>[] = [];

beforeAll(async () => {
  // New photos, drawn before the server starts: drawing takes a while on a busy machine, and a pause
  // longer than the server's keep-alive between two requests makes the client reuse a closed socket.
  for (let seed = 7000; seed < 7060; seed += 1) freshPhotos.push(cassetteJpeg(seed));
  server = await startTestServer();
  asA = await loginCookie(server.url, '13800000001');
  asB = await loginCookie(server.url, '13800000002');
}, 300_000);
afterAll(async () => {
  await server.close();
});

/** An approved kit (core/antigen/approved-kits.ts). */
const approvedGtin = '06901234567892';
let uploads = 0;

function photoOf(bytes: Buffer, width: number, height: number): AntigenUpload['photo'] {
  return { type: 'image/jpeg', width, height, bytes: bytes.length, base64: bytes.toString('base64') };
}


/** A new kit (its own serial) and a new photo of its strip, unless the test says otherwise. */
function upload(overrides: Partial<AntigenUpload> = {}, photo?: Buffer): AntigenUpload {
  uploads += 1;
  const fresh = freshPhotos.shift();
  if (!photo && !fresh) throw new Error('more uploads than photos drawn: draw more in beforeAll');
  const picture = photo || !fresh ? { bytes: photo ?? Buffer.alloc(0), width: 800, height: 600 } : fresh;
  return {
    testedAt: new Date(Date.now() - 3600_000).toISOString(),
    result: 'negative',
    kit: '万孚',
    lot: 'W2022040101',
    gtin: approvedGtin,
    serial: `S${uploads}-${randomUUID().slice(0, 8)}`,
    expiresOn: '2099-12-31',
    photo: photoOf(picture.bytes, picture.width, picture.height),
    ...overrides,
  };
}

function post(path: string, body: unknown, cookie = asA): Promise<Response> {
  return fetch(`${server.url}/api${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify(body),
  });
}

async function batch(items: unknown[], cookie = asA): Promise<SyncItemResult[]> {
  const response = await post('/sync/batch', { items }, cookie);
  expect(response.status).toBe(200);
  return endpoints.syncBatch.response.parse(await response.json()).results;
}

async function rowsFor(id: string): Promise<{ tests: number; photos: number; items: number }> {
  const count = async (sql: string) => (await server.query<{ n: number }>(sql, id))[0]?.n ?? -1;
  return {
    tests: await count('SELECT COUNT(*) AS n FROM antigen_tests WHERE id = ?'),
    photos: await count('SELECT COUNT(*) AS n FROM antigen_photos WHERE test_id = ?'),
    items: await count('SELECT COUNT(*) AS n FROM sync_items WHERE id = ?'),
  };
}

// Each upload decodes, hashes and reads a photo: slow on a busy machine, and speed is not what is tested here.
describe('POST /api/sync/batch', { timeout: 60_000 }, () => {
  it('needs a session', async () => {
    const response = await post('/sync/batch', { items: [] }, '');
    expect(response.status).toBe(401);
  });

  it('stores an antigen upload once however often it is sent, and shows it in the antigen tab', async () => {
    const id = randomUUID();
    const item = { id, kind: 'antigen-test', payload: upload() };
    expect(await batch([item])).toEqual([{ id, status: 'stored' }]);
    expect(await batch([item, item])).toEqual([
      { id, status: 'duplicate' },
      { id, status: 'duplicate' },
    ]);
    expect(await rowsFor(id)).toEqual({ tests: 1, photos: 1, items: 1 });

    const tests = await fetch(`${server.url}/api/citizens/demo-a/antigen-tests`, { headers: { cookie: asA } });
    const body = endpoints.antigenTests.response.parse(await tests.json());
    expect(body.antigenTests.filter((test) => test.id === id)).toMatchObject([{ result: 'negative', kit: '万孚', trust: 'self-verified' }]);
  });

  it('answers concurrent resends of one id with one stored and the rest duplicates', async () => {
    const item = { id: randomUUID(), kind: 'antigen-test', payload: upload() };
    const results = await Promise.all([batch([item]), batch([item]), batch([item])]);
    const statuses = results.flat().map((result) => result.status).sort();
    expect(statuses).toEqual(['duplicate', 'duplicate', 'stored']);
    expect(await rowsFor(item.id)).toEqual({ tests: 1, photos: 1, items: 1 });
  });

  it('refuses an id another citizen already used', async () => {
    const item = { id: randomUUID(), kind: 'antigen-test', payload: upload() };
    await batch([item]);
    const [result] = await batch([item], asB);
    expect(result?.status).toBe('rejected');
  });

  it('refuses bad items one by one and stores the good ones beside them', async () => {
    const good = { id: randomUUID(), kind: 'antigen-test', payload: upload() };
    const items = [
      { id: randomUUID(), kind: 'teleport', payload: {} },
      { id: randomUUID(), kind: 'antigen-test', payload: upload({ result: 'maybe' as 'negative' }) },
      { id: randomUUID(), kind: 'antigen-test', payload: upload({ testedAt: new Date(Date.now() + 3600_000).toISOString() }) },
      { id: randomUUID(), kind: 'antigen-test', payload: upload({ testedAt: new Date(Date.now() - 8 * 86400_000).toISOString() }) },
      { id: randomUUID(), kind: 'antigen-test', payload: upload({ kit: '  ' }) },
      good,
    ];
    const results = await batch(items);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected', 'rejected', 'stored']);
    expect(results[2]?.error?.message).toMatch(/future/);
    expect(results[3]?.error?.message).toMatch(/older than 7 days/);
    expect(await rowsFor(items[2]?.id ?? '')).toEqual({ tests: 0, photos: 0, items: 0 });
    expect((await rowsFor(good.id)).tests).toBe(1);
  });

  it('refuses malformed batches with 4xx JSON errors', async () => {
    const cases: [string, string, number][] = [
      ['{"items":', 'application/json', 400],
      [JSON.stringify({ items: [] }), 'application/json', 400],
      [JSON.stringify({ items: [{ id: 'not-a-uuid', kind: 'antigen-test', payload: {} }] }), 'application/json', 400],
      [JSON.stringify({ items: [{ id: randomUUID(), kind: 'antigen-test', payload: upload() }] }), 'text/plain', 415],
      ['x'.repeat(5 * 1024 * 1024), 'application/json', 413],
    ];
    for (const [body, type, status] of cases) {
      const response = await fetch(`${server.url}/api/sync/batch`, { method: 'POST', headers: { 'content-type': type, cookie: asA }, body });
      expect(response.status).toBe(status);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBeTruthy();
    }
  });
});

describe('POST /api/sync/item refuses an antigen photo that lies with 4xx', { timeout: 60_000 }, () => {
  async function refused(payload: AntigenUpload, status: number) {
    const id = randomUUID();
    const response = await post('/sync/item', { id, kind: 'antigen-test', payload });
    expect(response.status).toBe(status);
    expect(await rowsFor(id)).toEqual({ tests: 0, photos: 0, items: 0 });
  }

  it('stores an honest one with 201, then answers 200 duplicate', async () => {
    const id = randomUUID();
    const first = await post('/sync/item', { id, kind: 'antigen-test', payload: upload() });
    expect(first.status).toBe(201);
    const again = await post('/sync/item', { id, kind: 'antigen-test', payload: upload() });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ id, status: 'duplicate' });
  });

  it('declared bytes differ from the bytes carried', async () => {
    const honest = upload();
    await refused({ ...honest, photo: { ...honest.photo, bytes: honest.photo.bytes + 10 } }, 422);
  });

  it('declared larger than 300 KB', async () => {
    const big = fakeJpeg(800, 600, 300 * 1024);
    await refused(upload({}, big), 400);
  });

  it('declared JPEG but carries a PNG', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000003200000025808060000', 'hex');
    const honest = upload();
    await refused({ ...honest, photo: { ...honest.photo, bytes: png.length, base64: png.toString('base64') } }, 415);
  });

  it('declared a type other than JPEG', async () => {
    const honest = upload();
    await refused({ ...honest, photo: { ...honest.photo, type: 'image/png' as 'image/jpeg' } }, 400);
  });

  it('declared dimensions differ from the picture, or exceed 1280 px', async () => {
    const honest = upload();
    await refused({ ...honest, photo: { ...honest.photo, width: 400 } }, 422);
    const huge = fakeJpeg(2000, 1000);
    await refused(
      upload({ photo: { type: 'image/jpeg', width: 2000, height: 1000, bytes: huge.length, base64: huge.toString('base64') } }),
      400,
    );
  });
});

describe('an antigen self-test is checked when it arrives', { timeout: 60_000 }, () => {
  async function refusal(payload: AntigenUpload, cookie = asA): Promise<{ status: number; code: string; message: string }> {
    const id = randomUUID();
    const response = await post('/sync/item', { id, kind: 'antigen-test', payload }, cookie);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(await rowsFor(id)).toEqual({ tests: 0, photos: 0, items: 0 });
    return { status: response.status, code: body.error.code, message: body.error.message };
  }

  async function stored(payload: AntigenUpload, cookie = asA): Promise<string> {
    const id = randomUUID();
    const response = await post('/sync/item', { id, kind: 'antigen-test', payload }, cookie);
    expect(response.status).toBe(201);
    return id;
  }

  it('serves the approved kits to anyone', async () => {
    const response = await fetch(`${server.url}/api/antigen-kits`);
    const { kits } = endpoints.antigenKits.response.parse(await response.json());
    expect(kits.map((kit) => kit.gtin)).toContain(approvedGtin);
  });

  it('refuses a kit that is not approved, or no kit at all, with kit_unknown', async () => {
    const body = '0699999999999';
    const unknown = await refusal(upload({ gtin: `${body}${gs1CheckDigit(body)}` }));
    expect(unknown).toMatchObject({ status: 422, code: 'kit_unknown' });
    const withoutKit: AntigenUpload = { ...upload(), gtin: undefined };
    expect(await refusal(withoutKit)).toMatchObject({ status: 422, code: 'kit_unknown' });
  });

  it('refuses a kit expired before the day of the test with kit_expired, naming the date', async () => {
    const testedAt = new Date(Date.now() - 3600_000);
    const dayBefore = new Date(testedAt.getTime() + 8 * 3600_000 - 86400_000).toISOString().slice(0, 10);
    const expired = await refusal(upload({ testedAt: testedAt.toISOString(), expiresOn: dayBefore }));
    expect(expired).toMatchObject({ status: 422, code: 'kit_expired' });
    expect(expired.message).toContain(dayBefore);
    // A kit still good on the day of the test is fine.
    await stored(upload({ testedAt: testedAt.toISOString(), expiresOn: new Date(testedAt.getTime() + 8 * 3600_000).toISOString().slice(0, 10) }));
  });

  it('refuses a serial already used, by anyone, with kit_serial_used: one kit, one result', async () => {
    const first = upload();
    await stored(first);
    expect(await refusal(upload({ serial: first.serial }), asB)).toMatchObject({ status: 409, code: 'kit_serial_used' });
    // The same serial twice in one batch: the first is stored, the second refused.
    const twice = upload();
    const items = [twice, upload({ serial: twice.serial })].map((payload) => ({ id: randomUUID(), kind: 'antigen-test', payload }));
    const results = await batch(items);
    expect(results.map((result) => result.status)).toEqual(['stored', 'rejected']);
    expect(results[1]?.error?.code).toBe('kit_serial_used');
  });

  it('refuses a photo already uploaded, even brightened, rescaled and saved again, with photo_reused', async () => {
    const original = upload();
    await stored(original);
    const picture = decodeCassettePhoto(Buffer.from(original.photo.base64, 'base64'));
    if (!picture) throw new Error('the test photo does not decode');
    const altered = resizeRaster(adjustRaster(picture, 25, 1.1), 240, 320);
    const bytes = encodeJpeg(altered, 70);
    const reused = await refusal(upload({ photo: photoOf(bytes, altered.width, altered.height) }), asB);
    expect(reused).toMatchObject({ status: 409, code: 'photo_reused' });
    expect(await refusal(upload({ photo: original.photo }))).toMatchObject({ status: 409, code: 'photo_reused' });
  });

  it('keeps a declaration the strip disagrees with, as declared, waiting for review', async () => {
    const positiveStrip = cassetteJpeg(9100, { control: 1, test: 0.8 });
    const id = await stored(upload({ result: 'negative', photo: photoOf(positiveStrip.bytes, positiveStrip.width, positiveStrip.height) }));
    const response = await fetch(`${server.url}/api/citizens/demo-a/antigen-tests`, { headers: { cookie: asA } });
    const { antigenTests } = endpoints.antigenTests.response.parse(await response.json());
    expect(antigenTests.find((test) => test.id === id)).toMatchObject({ result: 'negative', trust: 'self-review' });
  });
});
