/**
 * The authority over real HTTP on the suite's engine (docs/authority.md): operators sign in with a code and
 * a passkey (a software authenticator, checked by @simplewebauthn/server as a browser's would be), review
 * venues of their own district only, license kiosks within caps, and every action is in an audit the
 * database itself keeps append-only. Citizens can no longer give themselves a lookup-capable kiosk.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endpoints } from '../../core/contract/endpoints.ts';
import { mod11CheckCharacter } from '../../core/identity/check-digits.ts';
import { runAdmin } from '../admin-commands.ts';
import { expectApiError, loginCookie, postJson } from '../../testing/server/test-client.ts';
import { assert, demoCityAdminPhone, demoDistrictOperator, operatorCodeStep, operatorCookie, softPasskey, type SoftPasskey } from '../../testing/server/operator-client.ts';
import { startTestServer, type TestServer } from '../../testing/server/test-server.ts';

let server: TestServer;
let citizenA = '';
let citizenB = '';
/** Owners of the lookup tests' kiosks, so that citizen A's kiosks stay within this server's cap per owner. */
let owners: string[] = [];
let cityAdmin = '';
let jingan = '';

beforeAll(async () => {
  server = await startTestServer({ kioskCaps: { perVenue: 2, perOwner: 3 }, kioskLookupLimits: { perMinute: 30, perDay: 1000, perVenueDay: 3, perOwnerDay: 1000 } });
  const cookies = await Promise.all(['13800000001', '13800000002', '13800000003', '13800000004', '13800000005'].map((phone) => loginCookie(server.url, phone)));
  [citizenA = '', citizenB = '', ...owners] = cookies;
  cityAdmin = await operatorCookie(server.url, demoCityAdminPhone, await softPasskey());
  jingan = await operatorCookie(server.url, demoDistrictOperator.phone, await softPasskey());
});

afterAll(() => server.close());

function call(method: string, path: string, options: { cookie?: string; token?: string; body?: unknown } = {}): Promise<Response> {
  const headers: Record<string, string> = {};
  if (options.cookie) headers.cookie = options.cookie;
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  return fetch(`${server.url}/api${path}`, { method, headers, ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }) });
}

async function newVenue(cookie: string, district: string, name = '测试商店'): Promise<string> {
  const response = await postJson(server.url, '/venues', { name, district, address: '测试路 1 号', kind: 'shop' }, cookie);
  expect(response.status).toBe(201);
  const { venue } = endpoints.registerVenue.response.parse(await response.json());
  expect(venue).toMatchObject({ status: 'pending', verified: false });
  return venue.number;
}

async function decideVenue(cookie: string, number: string, decision: 'approve' | 'refuse'): Promise<Response> {
  return call('POST', `/operator/venues/${number}`, { cookie, body: { decision } });
}

async function pair(cookie: string, venue: string, label = '东门'): Promise<Response> {
  return call('POST', `/venues/${venue}/kiosks`, { cookie, body: { label } });
}

async function paired(cookie: string, venue: string, label = '东门'): Promise<{ id: string; token: string }> {
  const response = await pair(cookie, venue, label);
  expect(response.status).toBe(201);
  const body = endpoints.pairKiosk.response.parse(await response.json());
  expect(body.kiosk.licence).toBe('requested');
  return { id: body.kiosk.id, token: body.pairingToken };
}

const license = (cookie: string, kioskId: string, extra: Record<string, unknown> = {}) => call('POST', `/operator/kiosks/${kioskId}`, { cookie, body: { action: 'license', ...extra } });
const lookup = (token: string, idNumber: string, source: 'document' | 'typed' = 'document', id: string = randomUUID()) =>
  call('POST', '/kiosk/id-lookups', { token, body: { id, idNumber, source } });

/** An approved venue (citizen A's unless said) with one licensed kiosk. */
async function licensedKiosk(options: { typedIdAllowed?: boolean; owner?: string } = {}) {
  const owner = options.owner ?? citizenA;
  const venue = await newVenue(owner, '静安区');
  expect((await decideVenue(cityAdmin, venue, 'approve')).status).toBe(200);
  const kiosk = await paired(owner, venue);
  expect((await license(cityAdmin, kiosk.id, { typedIdAllowed: options.typedIdAllowed ?? false })).status).toBe(200);
  return { venue, ...kiosk };
}

const demoA = { id: 'demo-a', idNumber: '310101199001011234' };
const unknownIdNumber = `11010120000101000${mod11CheckCharacter('11010120000101000')}`;

describe('operator sign-in', () => {
  it('takes a code and then a passkey: the code alone, a citizen session or a wrong passkey open nothing', async () => {
    const lines: string[] = [];
    await runAdmin(['operator', 'add', '--phone', '13900000123', '--name', '赵徐汇', '--role', 'district-operator', '--district', '徐汇区'], { providers: server.services.providers, storage: server.storage }, (line) => lines.push(line));
    expect(lines.join('\n')).toMatch(/赵徐汇/);
    await expect(runAdmin(['operator', 'add', '--phone', '13900000124', '--name', '钱', '--role', 'district-operator'], { providers: server.services.providers, storage: server.storage }, () => undefined)).rejects.toThrow(/--district/);

    const passkey = await softPasskey();
    const first = await operatorCookie(server.url, '13900000123', passkey);
    const session = endpoints.operatorSession.response.parse(await (await call('GET', '/operator/auth/session', { cookie: first })).json());
    expect(session.operator).toMatchObject({ name: '赵徐汇', role: 'district-operator', district: '徐汇区', maskedPhone: '139****0123' });

    // The second sign-in asks for that passkey; another key is refused, and the code alone opens nothing.
    const step = await operatorCodeStep(server.url, '13900000123');
    expect(step.next).toBe('authenticate');
    expect((await call('GET', '/operator/venues', { cookie: step.cookie })).status).toBe(401);
    const stranger: SoftPasskey = { ...(await softPasskey()), id: passkey.id };
    const wrong = await assert(stranger, step.options as { challenge: string }, new URL(server.url).origin);
    await expectApiError(await call('POST', '/operator/auth/passkey/authenticate', { cookie: step.cookie, body: { response: wrong } }), 401, 'passkey_invalid');
    // The challenge was used up by the wrong answer: even the right passkey needs a new code now.
    const late = await assert(passkey, step.options as { challenge: string }, new URL(server.url).origin);
    await expectApiError(await call('POST', '/operator/auth/passkey/authenticate', { cookie: step.cookie, body: { response: late } }), 401, 'passkey_invalid');
    expect((await call('GET', '/operator/venues', { cookie: await operatorCookie(server.url, '13900000123', passkey) })).status).toBe(200);

    await expectApiError(await call('GET', '/operator/venues', { cookie: citizenA }), 401, 'unauthenticated');
    // A phone that is no operator's gets the same answer to the code request, and no code.
    const unknown = endpoints.operatorCode.response.parse(await (await postJson(server.url, '/operator/auth/code', { phone: '13900000999' })).json());
    expect(unknown.demoCode).toBeUndefined();
  });
});

describe('venues', () => {
  it('a citizen registers a pending venue: its code checks in, shown unverified, but it cannot have kiosks', async () => {
    const venue = await newVenue(citizenA, '静安区');
    const shown = endpoints.venueByNumber.response.parse(await (await call('GET', `/venues/${venue}`, { cookie: citizenB })).json());
    expect(shown.venue).toMatchObject({ status: 'pending', verified: false });
    await expectApiError(await pair(citizenA, venue), 403, 'venue_unapproved');
    const queue = endpoints.operatorVenues.response.parse(await (await call('GET', '/operator/venues', { cookie: jingan })).json());
    expect(queue.venues.find((entry) => entry.number === venue)).toMatchObject({ status: 'pending', owner: { maskedPhone: '138****0001' } });
  });

  it('an operator of one district cannot see or approve a venue of another', async () => {
    const venue = await newVenue(citizenA, '徐汇区');
    const queue = endpoints.operatorVenues.response.parse(await (await call('GET', '/operator/venues', { cookie: jingan })).json());
    expect(queue.venues.some((entry) => entry.number === venue)).toBe(false);
    await expectApiError(await decideVenue(jingan, venue, 'approve'), 404, 'not_found');
    const approved = endpoints.operatorDecideVenue.response.parse(await (await decideVenue(cityAdmin, venue, 'approve')).json());
    expect(approved.venue).toMatchObject({ status: 'approved', reviewedBy: '陈市政' });
    const shown = endpoints.venueByNumber.response.parse(await (await call('GET', `/venues/${venue}`, { cookie: citizenB })).json());
    expect(shown.venue.verified).toBe(true);
  });
});

describe('kiosk licences', () => {
  it('a citizen cannot make a lookup-capable kiosk: a paired kiosk is only requested until an operator licenses it', async () => {
    const venue = await newVenue(citizenA, '静安区');
    await decideVenue(jingan, venue, 'approve');
    const kiosk = await paired(citizenA, venue);
    await expectApiError(await lookup(kiosk.token, demoA.idNumber), 403, 'kiosk_unlicensed');
    await expectApiError(await call('POST', '/kiosk/sync', { token: kiosk.token, body: { items: [{ id: randomUUID(), kind: 'kiosk-visit', payload: {} }] } }), 403, 'kiosk_unlicensed');
    const me = endpoints.kioskMe.response.parse(await (await call('GET', '/kiosk/me', { token: kiosk.token })).json());
    expect(me.kiosk.licence).toBe('requested');
    // A citizen session cannot license anything.
    expect((await call('POST', `/operator/kiosks/${kiosk.id}`, { cookie: citizenA, body: { action: 'license' } })).status).toBe(401);

    expect((await license(jingan, kiosk.id)).status).toBe(200);
    const answered = endpoints.kioskIdLookup.response.parse(await (await lookup(kiosk.token, demoA.idNumber)).json());
    expect(answered.status.maskedName).toMatch(/\*/);
    expect(Object.keys(answered.status).sort()).toEqual(['failedClauses', 'maskedName', 'pass']);

    // Suspended: refused at once; licensed again: answers again; revoked: final.
    expect((await call('POST', `/operator/kiosks/${kiosk.id}`, { cookie: jingan, body: { action: 'suspend' } })).status).toBe(200);
    await expectApiError(await lookup(kiosk.token, demoA.idNumber), 403, 'kiosk_unlicensed');
    expect((await license(jingan, kiosk.id)).status).toBe(200);
    expect((await lookup(kiosk.token, demoA.idNumber)).status).toBe(200);
    expect((await call('POST', `/operator/kiosks/${kiosk.id}`, { cookie: jingan, body: { action: 'revoke' } })).status).toBe(200);
    await expectApiError(await lookup(kiosk.token, demoA.idNumber), 403, 'kiosk_unlicensed');
    await expectApiError(await license(jingan, kiosk.id), 409, 'bad_request');
  });

  it('an unapproved venue cannot license a kiosk, and refusing an approved venue suspends its kiosks', async () => {
    const { venue, id, token } = await licensedKiosk();
    expect((await decideVenue(jingan, venue, 'refuse')).status).toBe(200);
    await expectApiError(await lookup(token, demoA.idNumber), 403, 'kiosk_unlicensed');
    const kiosks = endpoints.operatorKiosks.response.parse(await (await call('GET', '/operator/kiosks', { cookie: jingan })).json());
    expect(kiosks.kiosks.find((kiosk) => kiosk.id === id)?.licence).toBe('suspended');
    await expectApiError(await license(jingan, id), 409, 'venue_unapproved');
  });

  it('caps kiosks per venue and per owner, at pairing and at licensing', async () => {
    // Citizen B: per venue 2, per owner 3 (this server's caps).
    const first = await newVenue(citizenB, '静安区');
    await decideVenue(jingan, first, 'approve');
    const one = await paired(citizenB, first, '一');
    const two = await paired(citizenB, first, '二');
    await expectApiError(await pair(citizenB, first, '三'), 409, 'kiosk_cap');
    // At licensing: with one suspended a third may be paired and licensed, but then the suspended one may not come back.
    expect((await license(jingan, one.id)).status).toBe(200);
    expect((await license(jingan, two.id)).status).toBe(200);
    expect((await call('POST', `/operator/kiosks/${one.id}`, { cookie: jingan, body: { action: 'suspend' } })).status).toBe(200);
    const three = await paired(citizenB, first, '三');
    expect((await license(jingan, three.id)).status).toBe(200);
    await expectApiError(await license(jingan, one.id), 409, 'kiosk_cap');
    const second = await newVenue(citizenB, '静安区');
    await decideVenue(jingan, second, 'approve');
    await paired(citizenB, second, '四');
    await expectApiError(await pair(citizenB, second, '五'), 409, 'kiosk_cap');
  });
});

describe('lookups', () => {
  it('answer an unknown ID number with the shape of a fail, and log who looked, with venue number, address and kiosk', async () => {
    const { venue, token } = await licensedKiosk({ owner: owners[0] ?? '' });
    const unknown = await lookup(token, unknownIdNumber);
    expect(unknown.status).toBe(200);
    expect(endpoints.kioskIdLookup.response.parse(await unknown.json())).toEqual({ status: { maskedName: '', pass: false, failedClauses: ['code-colour'] }, logged: false });
    const log = endpoints.accessLog.response.parse(await (await call('GET', '/me/access-log', { cookie: citizenA })).json());
    await lookup(token, demoA.idNumber);
    const after = endpoints.accessLog.response.parse(await (await call('GET', '/me/access-log', { cookie: citizenA })).json());
    const entry = after.entries.find((candidate) => !log.entries.some((old) => old.id === candidate.id));
    expect(entry?.actor.label).toContain(venue);
    expect(entry?.actor.label).toContain('测试路 1 号');
    expect(entry?.actor.label).toContain('东门');
  });

  it('are limited per venue across its kiosks', async () => {
    const { venue, token } = await licensedKiosk({ owner: owners[1] ?? '' });
    const second = await paired(owners[1] ?? '', venue, '西门');
    await license(cityAdmin, second.id);
    expect((await lookup(token, demoA.idNumber)).status).toBe(200);
    expect((await lookup(token, demoA.idNumber)).status).toBe(200);
    expect((await lookup(second.token, demoA.idNumber)).status).toBe(200);
    // The venue's 3 a day are spent: the other kiosk gets no more.
    await expectApiError(await lookup(second.token, demoA.idNumber), 429, 'kiosk_lookup_limited');
  });

  it('take typed numbers only where allowed, and a typed PASS logs the visit only on the staff tap, once', async () => {
    const plain = await licensedKiosk({ owner: owners[2] ?? '' });
    await expectApiError(await lookup(plain.token, demoA.idNumber, 'typed'), 403, 'typed_id_not_allowed');

    const desk = await licensedKiosk({ typedIdAllowed: true, owner: owners[2] ?? '' });
    const count = async () => Number((await server.query<{ n: number | string }>('SELECT COUNT(*) AS n FROM check_ins WHERE venue_number = ?', desk.venue))[0]?.n ?? 0);
    // demo-a passes the default venue rule in the seed (green, recent negative PCR): a PASS, and yet not logged.
    const id = randomUUID();
    const typed = endpoints.kioskIdLookup.response.parse(await (await lookup(desk.token, demoA.idNumber, 'typed', id)).json());
    expect(typed).toMatchObject({ status: { pass: true }, logged: false });
    expect(await count()).toBe(0);
    expect((await call('POST', `/kiosk/id-lookups/${id}/confirm`, { token: desk.token })).status).toBe(200);
    expect((await call('POST', `/kiosk/id-lookups/${id}/confirm`, { token: desk.token })).status).toBe(200);
    expect(await count()).toBe(1);
    // Another kiosk cannot confirm it.
    await expectApiError(await call('POST', `/kiosk/id-lookups/${id}/confirm`, { token: plain.token }), 404, 'not_found');
  });
});

describe('the audit', () => {
  it('lists the operator’s own actions and the database refuses to change or delete them', async () => {
    const venue = await newVenue(citizenA, '静安区');
    await decideVenue(jingan, venue, 'approve');
    const audit = endpoints.operatorAudit.response.parse(await (await call('GET', '/operator/audit', { cookie: jingan })).json());
    expect(audit.entries[0]).toMatchObject({ action: 'venue.approve', target: venue, operatorName: '王静安' });
    expect(audit.entries.every((entry) => entry.operatorName === '王静安')).toBe(true);
    await expect(server.query('UPDATE operator_audit SET target = ?', 'x')).rejects.toThrow(/append-only/);
    await expect(server.query('DELETE FROM operator_audit')).rejects.toThrow(/append-only/);
    const again = endpoints.operatorAudit.response.parse(await (await call('GET', '/operator/audit', { cookie: jingan })).json());
    expect(again.entries[0]?.target).toBe(venue);
  });

  it('providers are a city administrator’s: added through the console, its key works, and the addition is audited', async () => {
    await expectApiError(await call('GET', '/operator/providers', { cookie: jingan }), 403, 'forbidden');
    const added = await call('POST', '/operator/providers', { cookie: cityAdmin, body: { name: 'lab-one', scopes: ['pcr-results'] } });
    expect(added.status).toBe(201);
    const { apiKey } = endpoints.operatorAddProvider.response.parse(await added.json());
    expect((await server.services.providers.authenticate(apiKey))?.name).toBe('lab-one');
    const audit = endpoints.operatorAudit.response.parse(await (await call('GET', '/operator/audit', { cookie: cityAdmin })).json());
    expect(audit.entries[0]).toMatchObject({ action: 'provider.add', target: 'lab-one' });
  });
});
