/**
 * The attacker's suite (issue 22). Each `it` is one attack from the issue, made as it was made (each request
 * real, against a real server), and passes only when the attack fails. docs/security.md lists what each
 * one holds the system to.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endpoints } from '../../core/contract/endpoints.ts';
import { compactPrefix } from '../../core/crypto/health-code.ts';
import { presentCode } from '../../core/crypto/live-code.ts';
import { base64urlToText } from '../../core/crypto/base64url.ts';
import { ecdsa } from '../../core/crypto/signed-token.ts';
import { scanBombJpeg } from '../images/scan-bomb-jpeg.ts';
import { testIdNumber } from '../server/post-feed.ts';
import { demoLoginSetCookie, rawRequest } from '../server/raw-request.ts';
import { approveVenue, demoDistrictOperator, licenseKiosk, operatorCookie, softPasskey } from '../server/operator-client.ts';
import { runFailingServer } from '../server/server-process.ts';
import { startSmsReceiver, type SmsReceiver } from '../server/sms-receiver.ts';
import { loginCookie, postJson } from '../server/test-client.ts';
import { startTestServer, type TestServer } from '../server/test-server.ts';

let demo: TestServer;
let production: TestServer;
let proxied: TestServer;
let sms: SmsReceiver;
let asA = '';
let asB = '';

const victim = { id: 'attack-v', phone: '13912347001', name: '孙一', idNumber: testIdNumber(701) };
const attacker = { id: 'attack-x', phone: '13912347002', name: '孙二', idNumber: testIdNumber(702) };

beforeAll(async () => {
  sms = await startSmsReceiver();
  demo = await startTestServer();
  production = await startTestServer({ demo: false, smsWebhook: sms.webhook });
  proxied = await startTestServer({ demo: false, smsWebhook: sms.webhook, trustProxy: 1 });
  for (const citizen of [victim, attacker]) {
    await production.storage.citizens.upsert({ ...citizen, colour: 'green', colourSince: new Date().toISOString(), guardianId: null });
  }
  asA = await loginCookie(demo.url, '13800000001');
  asB = await loginCookie(demo.url, '13800000002');
});
afterAll(async () => {
  await Promise.all([demo.close(), production.close(), proxied.close()]);
  await sms.close();
});

async function productionSession(phone: string): Promise<string> {
  await postJson(production.url, '/auth/otp', { phone });
  const response = await postJson(production.url, '/auth/login', { phone, code: sms.lastCode(phone) });
  return response.headers.getSetCookie().find((c) => c.startsWith('sw_session='))?.split(';')[0] ?? '';
}

async function phoneOf(cookie: string): Promise<{ device: CryptoKeyPair; credential: string }> {
  const device = await crypto.subtle.generateKey(ecdsa, false, ['sign', 'verify']);
  const jwk = await crypto.subtle.exportKey('jwk', device.publicKey);
  const issued = endpoints.credential.response.parse(await (await postJson(demo.url, '/credential', { publicKey: { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y } }, cookie)).json());
  return { device, credential: issued.credential };
}

async function kioskOf(cookie: string): Promise<{ venue: string; token: string }> {
  const registered = await postJson(demo.url, '/venues', { name: '攻击测试店', district: '静安区', address: '南京西路1号', kind: 'shop' }, cookie);
  const venue = endpoints.registerVenue.response.parse(await registered.json()).venue.number;
  // The attacker's own venue, approved and its kiosk licensed: the attacks are on what a real kiosk can do.
  await approveVenue(demo.url, venue);
  const paired = endpoints.pairKiosk.response.parse(await (await postJson(demo.url, `/venues/${venue}/kiosks`, { label: '东门' }, cookie)).json());
  await licenseKiosk(demo.url, paired.kiosk.id);
  return { venue, token: paired.pairingToken };
}

async function kioskSync(token: string, items: unknown[]): Promise<{ status: string; error?: { code: string } }[]> {
  const response = await fetch(`${demo.url}/api/kiosk/sync`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ items }) });
  return endpoints.kioskSync.response.parse(await response.json()).results;
}

const visit = (code: string, scannedAt: number) => ({ id: randomUUID(), kind: 'kiosk-visit', payload: { code, scannedAt: new Date(scannedAt).toISOString() } });

describe('configuration', () => {
  it('a citizen cannot make a 数字哨兵 of her own: her venue is pending, pairing there is refused, no console route opens', async () => {
    const cookie = await productionSession(attacker.phone);
    const registered = await postJson(production.url, '/venues', { name: '上海市卫生健康委员会', district: '静安区', address: '世博村路300号', kind: 'office' }, cookie);
    expect(registered.status).toBe(201);
    const venue = endpoints.registerVenue.response.parse(await registered.json()).venue;
    expect(venue.status).toBe('pending');
    const paired = await postJson(production.url, `/venues/${venue.number}/kiosks`, { label: '官方核验1' }, cookie);
    expect([paired.status, ((await paired.json()) as { error?: { code: string } }).error?.code]).toEqual([403, 'venue_unapproved']);
    const approved = await postJson(production.url, `/operator/venues/${venue.number}`, { decision: 'approve' }, cookie);
    expect(approved.status).toBe(401);
    const looked = await fetch(`${production.url}/api/kiosk/id-lookups`, {
      method: 'POST',
      headers: { authorization: `Bearer ${randomUUID()}`, 'content-type': 'application/json' },
      body: JSON.stringify({ id: randomUUID(), idNumber: victim.idNumber, source: 'typed' }),
    });
    expect(looked.status).toBe(401);
    const mine = endpoints.myVenues.response.parse(await (await fetch(`${production.url}/api/venues`, { headers: { cookie } })).json()).venues;
    expect(mine.find((v) => v.number === venue.number)?.status).toBe('pending');
  });

  it('a district operator approves no venue and licenses no kiosk of another district', async () => {
    const registered = await postJson(demo.url, '/venues', { name: '徐汇越权测试店', district: '徐汇区', address: '漕溪北路1号', kind: 'shop' }, asA);
    const venue = endpoints.registerVenue.response.parse(await registered.json()).venue.number;
    const jingan = await operatorCookie(demo.url, demoDistrictOperator.phone, await softPasskey());
    const decided = await postJson(demo.url, `/operator/venues/${venue}`, { decision: 'approve' }, jingan);
    expect(decided.status).toBe(404);
    const listed = endpoints.operatorVenues.response.parse(await (await fetch(`${demo.url}/api/operator/venues`, { headers: { cookie: jingan } })).json()).venues;
    expect(listed.map((v) => v.number)).not.toContain(venue);
    // The city administrator may, so the path above was right and only the district was wrong.
    await approveVenue(demo.url, venue);
    const paired = endpoints.pairKiosk.response.parse(await (await postJson(demo.url, `/venues/${venue}/kiosks`, { label: '东门' }, asA)).json());
    const licensed = await postJson(demo.url, `/operator/kiosks/${paired.kiosk.id}`, { action: 'license', typedIdAllowed: true }, jingan);
    expect(licensed.status).toBe(404);
    const me = await fetch(`${demo.url}/api/kiosk/me`, { headers: { authorization: `Bearer ${paired.pairingToken}` } });
    expect(endpoints.kioskMe.response.parse(await me.json()).kiosk.licence).not.toBe('licensed');
  });

  it('DEMO=False (or 0, off) does not run a demo server that hands out login codes', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'suishen-attack-'));
    try {
      const { code, stderr } = await runFailingServer({ engine: 'sqlite', dataDir }, { DEMO: 'False' }, 30_000);
      expect(code).toBe(1);
      expect(stderr).toMatch(/DEMO must be exactly "true" or "false"/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('logging in as someone else', () => {
  it('12 parallel guesses at a login code: at most 5 are compared, none logs in', async () => {
    await postJson(production.url, '/auth/otp', { phone: victim.phone });
    const right = sms.lastCode(victim.phone);
    const wrong = Array.from({ length: 12 }, (_, i) => String((Number(right) + 1 + i) % 1_000_000).padStart(6, '0'));
    const answers = await Promise.all(wrong.map((code) => postJson(production.url, '/auth/login', { phone: victim.phone, code })));
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(0);
    expect(answers.filter((answer) => answer.status === 401).length).toBeLessThanOrEqual(5);
  });

  it('a session cookie behind a TLS proxy is Secure, and HSTS is sent', async () => {
    const headers = { host: 'ssm.example.cn', 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.9' };
    expect(await demoLoginSetCookie(demo.url, '13800000003', { host: 'ssm.example.cn' })).toMatch(/;\s*Secure/i);
    expect((await rawRequest(`${proxied.url}/api/health`, { headers })).headers['strict-transport-security']).toMatch(/max-age=/);
  });

  it('a foreign page’s logout (or any write) with its Origin is refused', async () => {
    const answer = await rawRequest(`${demo.url}/api/auth/logout`, { method: 'POST', headers: { cookie: asA, origin: 'https://evil.example' } });
    expect(answer.status).toBe(403);
    expect((await rawRequest(`${demo.url}/api/me`, { headers: { cookie: asA } })).status).toBe(200);
  });
});

describe('reading and confirming other people’s data', () => {
  it('a citizen reading another citizen’s records by id gets 404, as for no one', async () => {
    for (const path of ['/citizens/demo-a/pcr-tests', '/citizens/demo-a/antigen-tests', '/citizens/demo-a']) {
      expect((await fetch(`${demo.url}/api${path}`, { headers: { cookie: asB } })).status).toBe(404);
    }
  });

  it('/api/family/code does not tell a right name + ID pair from a wrong one, and stops a caller', async () => {
    const cookie = await productionSession(attacker.phone);
    const ask = async (name: string) => {
      const response = await postJson(production.url, '/family/code', { name, idNumber: victim.idNumber }, cookie);
      return { status: response.status, body: await response.text() };
    };
    const right = await ask(victim.name);
    expect(await ask('孙错')).toEqual(right);
    expect(right.body).not.toMatch(/\*{4}/);
    const answers = [];
    for (let i = 0; i < 12; i += 1) answers.push((await ask(`孙${'甲乙丙丁戊己庚辛壬癸子丑'[i] ?? '某'}`)).status);
    expect(answers).toContain(429);
    expect((await ask(victim.name)).status).toBe(429);
  });
});

describe('stalling a node', () => {
  it('a progressive JPEG of 20,000 tiny scans is refused before decoding, and nothing is stored', async () => {
    const bomb = scanBombJpeg(20_000);
    const id = randomUUID();
    const payload = {
      testedAt: new Date(Date.now() - 3600_000).toISOString(), result: 'negative', kit: '万孚', lot: 'W2022040101',
      gtin: '06901234567892', serial: `ATTACK-${id.slice(0, 8)}`, expiresOn: '2099-12-31',
      photo: { type: 'image/jpeg', width: 1280, height: 1280, bytes: bomb.length, base64: bomb.toString('base64') },
    };
    const upload = postJson(demo.url, '/sync/item', { id, kind: 'antigen-test', payload }, asA);
    const health = await fetch(`${demo.url}/api/health`);
    expect(health.status).toBe(200);
    expect((await upload).status).toBe(415);
    expect(await demo.query('SELECT id FROM antigen_tests WHERE id = ?', id)).toEqual([]);
  });
});

describe('planting visits through a kiosk', () => {
  it('a live code captured 100 s ago, sent as scanned 5 s after signing, is not stored', async () => {
    const kiosk = await kioskOf(asA);
    const phone = await phoneOf(asB);
    const now = Date.now();
    const captured = await presentCode(phone.credential, phone.device.privateKey, now - 100_000);
    expect((await kioskSync(kiosk.token, [visit(captured, now - 95_000)])).map((r) => r.status)).toEqual(['rejected']);
  });

  it('one live code sent under two item ids makes one visit', async () => {
    const kiosk = await kioskOf(asA);
    const phone = await phoneOf(asB);
    const live = await presentCode(phone.credential, phone.device.privateKey, Date.now());
    const results = await kioskSync(kiosk.token, [visit(live, Date.now()), visit(live, Date.now())]);
    expect(results.map((r) => r.status)).toEqual(['stored', 'rejected']);
    const [row] = await demo.query<{ n: number }>('SELECT COUNT(*) AS n FROM check_ins WHERE venue_number = ?', kiosk.venue);
    expect(Number(row?.n)).toBe(1);
  });

  it('malformed codes (CBOR garbage, broken Base45, a signed code that claims a year of life) are refused', async () => {
    const kiosk = await kioskOf(asA);
    const { device, credential } = await phoneOf(asB);
    const now = Date.now();
    // The server's own key signing a year of life: what a leaked signing path or a bug would make.
    const claims = JSON.parse(base64urlToText(credential.split('.')[2] ?? '') ?? '{}') as { iat: number };
    const forever = await demo.services.signer.sign({ ...claims, exp: claims.iat + 365 * 86_400 });
    const codes = [`${compactPrefix}${'%%%%'.repeat(10)}`, `${compactPrefix}00000000000000000000`, await presentCode(forever, device.privateKey, now)];
    const results = await kioskSync(kiosk.token, codes.map((code) => visit(code, now)));
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
  });
});
