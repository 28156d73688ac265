/**
 * What a login code costs an attacker, over real HTTP on two nodes sharing one database: codes per phone
 * per hour and day, wrong codes counted across codes until the phone is locked for the day, code requests
 * per client address, and answers that never tell a registered number from one nobody registered. The
 * login rules run on a clock the test moves, so every window edge is exact and nothing depends on speed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configFromEnv } from '../config.ts';
import type { RunningServer } from '../server.ts';
import { defaultLoginLimits } from '../services/login-limits.ts';
import { expectApiError } from '../../testing/server/test-client.ts';
import { startSmsReceiver, type SmsReceiver } from '../../testing/server/sms-receiver.ts';
import { startTestServer, type TestServer } from '../../testing/server/test-server.ts';

/** Thousands of requests: ample time on a slow, shared machine, since no assertion is about speed. */
const slow = { timeout: 180_000 };

// 09:10 in Shanghai: two hours later it is still the same day there.
const start = Date.parse('2026-03-02T01:10:00Z');
let clock = start;
let sms: SmsReceiver;
let server: TestServer;
let nodeB: RunningServer;

const registered = { id: 'limits-1', phone: '13912345001', name: '吴一', idNumber: '310101199001012010' };
const locked = { id: 'limits-2', phone: '13912345002', name: '吴二', idNumber: '310101199001012029' };
const twin = { id: 'limits-3', phone: '13912345003', name: '吴三', idNumber: '310101199001012037' };

beforeAll(async () => {
  sms = await startSmsReceiver();
  server = await startTestServer({
    demo: false,
    smsWebhook: sms.webhook,
    trustProxy: 1,
    clock: () => clock,
    // No half-minute gap here, so that a thousand requests at once reach the hourly and daily limits.
    loginLimits: { ...defaultLoginLimits, secondsBetweenCodes: 0 },
  });
  nodeB = await server.startNode();
  for (const citizen of [registered, locked, twin]) {
    await server.storage.citizens.upsert({ ...citizen, colour: 'green', colourSince: new Date(start).toISOString(), guardianId: null });
  }
});
afterAll(async () => {
  await server.close();
  await sms.close();
});

/** Sends through node A or node B by turn, as a round-robin balancer would. */
function post(path: string, body: unknown, address: string, turn = 0): Promise<Response> {
  const base = turn % 2 === 0 ? server.url : nodeB.url;
  return fetch(`${base}/api${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': address }, body: JSON.stringify(body) });
}

/** Sends `count` requests, `inFlight` at a time, and tallies the answers by status. */
async function flood(count: number, request: (i: number) => Promise<Response>, inFlight = 25): Promise<Response[]> {
  const answers: Response[] = [];
  for (let first = 0; first < count; first += inFlight) {
    const batch = Array.from({ length: Math.min(inFlight, count - first) }, (_, j) => request(first + j));
    answers.push(...(await Promise.all(batch)));
  }
  return answers;
}

const byStatus = (answers: Response[]) => Object.fromEntries([200, 429].map((status) => [status, answers.filter((a) => a.status === status).length]));
const counter = async (key: string) =>
  (await server.query<{ count: number }>('SELECT count FROM login_throttle WHERE key = ?', key)).reduce((sum, row) => sum + row.count, 0);
const sentTo = (phone: string) => sms.received.filter((message) => message.phone === phone).length;
const seconds = (ms: number) => Math.ceil(ms / 1000);

describe('code requests from one address', () => {
  it('lets 20 of 1,000 through in a minute across both nodes, counted in the database, then 20 more the next minute', slow, async () => {
    const address = '203.0.113.7';
    clock = start + 15_000;
    const answers = await flood(1000, (i) => post('/auth/otp', { phone: `1390000${String(i).padStart(4, '0')}` }, address, i));
    expect(byStatus(answers)).toEqual({ 200: 20, 429: 980 });
    const refused = answers.find((answer) => answer.status === 429);
    expect(refused?.headers.get('retry-after')).toBe('45');
    await expectApiError(refused ?? new Response(), 429, 'rate_limited');
    expect(await counter(`address:${address}`)).toBe(20);

    clock = start + 60_000;
    expect((await post('/auth/otp', { phone: '13900009999' }, address)).status).toBe(200);
    // Another address was never held back.
    expect((await post('/auth/otp', { phone: '13900009998' }, '198.51.100.1')).status).toBe(200);
  });
});

describe('code requests from many addresses at one phone', () => {
  it('makes 5 codes an hour and 10 a day of 1,000 asked for, and texts only those', slow, async () => {
    clock = start + 5 * 60_000;
    const ask = (round: number) => (i: number) => post('/auth/otp', { phone: registered.phone }, `10.${round}.${Math.floor(i / 250)}.${i % 250}`, i);
    const firstHour = await flood(1000, ask(1));
    expect(byStatus(firstHour)).toEqual({ 200: 5, 429: 995 });
    expect(sentTo(registered.phone)).toBe(5);
    const refused = firstHour.find((answer) => answer.status === 429);
    expect(refused?.headers.get('retry-after')).toBe(String(seconds(Date.parse('2026-03-02T02:00:00Z') - clock)));

    clock = start + 65 * 60_000;
    expect(byStatus(await flood(1000, ask(2)))).toEqual({ 200: 5, 429: 995 });
    expect(sentTo(registered.phone)).toBe(10);

    clock = start + 125 * 60_000;
    const nextHour = await flood(100, ask(3));
    expect(byStatus(nextHour)).toEqual({ 200: 0, 429: 100 });
    // The daily limit: wait until midnight in Shanghai (16:00 UTC).
    expect(nextHour[0]?.headers.get('retry-after')).toBe(String(seconds(Date.parse('2026-03-02T16:00:00Z') - clock)));
    expect(sentTo(registered.phone)).toBe(10);
    expect(await counter(`codes-day:${registered.phone}`)).toBe(10);
  });
});

describe('wrong codes across codes', () => {
  const login = (code: string, i = 0) => post('/auth/login', { phone: locked.phone, code }, '192.0.2.50', i);
  const wrong = (code: string) => (code === '000000' ? '111111' : '000000');

  it('locks the phone for the rest of the day after 10 wrong codes, saying until when, even for the right code', slow, async () => {
    clock = start + 3 * 60_000;
    for (const round of [0, 1]) {
      expect((await post('/auth/otp', { phone: locked.phone }, `192.0.2.${round}`)).status).toBe(200);
      const code = sms.lastCode(locked.phone);
      for (let i = 0; i < 5; i++) await expectApiError(await login(wrong(code), i), 401, 'otp_invalid');
      // A code that allows no more tries does not use up the day's; once the day's are gone, that is what it says.
      await expectApiError(await login(code), 429, round === 0 ? 'too_many_attempts' : 'login_locked');
    }
    expect(await counter(`wrong:${locked.phone}`)).toBe(10);

    expect((await post('/auth/otp', { phone: locked.phone }, '192.0.2.9')).status).toBe(429);
    const lockedOut = await login(sms.lastCode(locked.phone));
    const text = await expectApiError(lockedOut, 429, 'login_locked');
    expect(text).toContain('2026-03-02T16:00:00.000Z');
    expect(lockedOut.headers.get('retry-after')).toBe(String(seconds(Date.parse('2026-03-02T16:00:00Z') - clock)));

    // The next day in Shanghai the phone logs in again.
    clock = Date.parse('2026-03-02T16:00:05Z');
    expect((await post('/auth/otp', { phone: locked.phone }, '192.0.2.10')).status).toBe(200);
    expect((await login(sms.lastCode(locked.phone))).status).toBe(200);
  });

  it('gives back the guess of a right code, so that logging in often never locks anyone', slow, async () => {
    clock = Date.parse('2026-03-03T01:00:00Z');
    for (let i = 0; i < 10; i++) {
      expect((await post('/auth/otp', { phone: twin.phone }, `192.0.2.${100 + i}`)).status).toBe(200);
      expect((await post('/auth/login', { phone: twin.phone, code: sms.lastCode(twin.phone) }, '192.0.2.99', i)).status).toBe(200);
      clock += 61 * 60_000;
    }
    expect(await counter(`wrong:${twin.phone}`)).toBe(0);
    await expectApiError(await post('/auth/login', { phone: twin.phone, code: '000000' }, '192.0.2.99'), 401, 'otp_invalid');
  });
});

describe('no existence oracle', () => {
  /** Everything an answer says: status, the headers a client could read (not Date, nor the request's own trace id), and the body's bytes. */
  const perRequest = new Set(['date', 'x-request-id']);
  async function answer(response: Response): Promise<string> {
    const headers = [...response.headers].filter(([name]) => !perRequest.has(name)).map(([name, value]) => `${name}: ${value}`);
    return [response.status, ...headers, await response.text()].join('\n');
  }

  it('answers a registered and an unregistered number byte for byte alike, through every step', slow, async () => {
    clock = Date.parse('2026-03-05T03:00:00Z');
    const unregistered = '13912345999';
    const steps = async (phone: string, address: string) => {
      const said = [await answer(await post('/auth/otp', { phone }, address))];
      for (let i = 0; i < 6; i++) said.push(await answer(await post('/auth/login', { phone, code: '000000' }, address, i)));
      for (let i = 0; i < 6; i++) said.push(await answer(await post('/auth/otp', { phone }, address, i)));
      for (let i = 0; i < 6; i++) said.push(await answer(await post('/auth/login', { phone, code: '000000' }, address, i)));
      return said;
    };
    // 000000 may be the registered number's code: one in a million, and the test would say so plainly.
    const fromRegistered = await steps(twin.phone, '198.51.100.20');
    const fromUnregistered = await steps(unregistered, '198.51.100.21');
    expect(fromUnregistered).toEqual(fromRegistered);
    expect(fromRegistered[0]).toMatch(/^200\n[\s\S]*\n\{"sent":true,"expiresInSeconds":300\}$/);
    expect(fromRegistered.at(-1)).toMatch(/^429\n/);
  });
});

describe('client address', () => {
  it('ignores X-Forwarded-For unless TRUST_PROXY says a proxy of ours stands in front', slow, async () => {
    clock = Date.parse('2026-03-06T03:00:30Z');
    const direct = await server.startNode({ trustProxy: 0 });
    const answers = await flood(25, (i) =>
      fetch(`${direct.url}/api/auth/otp`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': `100.64.0.${i}` }, body: JSON.stringify({ phone: `1370000${String(i).padStart(4, '0')}` }) }),
    );
    expect(byStatus(answers)).toEqual({ 200: 20, 429: 5 });

    // Behind one proxy the client is the last entry: what a client writes in front of it does not count.
    const spoofed = await flood(25, (i) => post('/auth/otp', { phone: `1360000${String(i).padStart(4, '0')}` }, `100.64.1.${i}, 203.0.113.99`));
    expect(byStatus(spoofed)).toEqual({ 200: 20, 429: 5 });
  });

  it('reads TRUST_PROXY and the limits from the environment, refusing nonsense', () => {
    const base = { DEMO: 'false', SMS_WEBHOOK_URL: 'https://gw.example/sms', SMS_WEBHOOK_SECRET: 'x'.repeat(16) };
    expect(configFromEnv(base)).toMatchObject({ trustProxy: 0, loginLimits: defaultLoginLimits });
    expect(configFromEnv({ ...base, TRUST_PROXY: 'true' }).trustProxy).toBe(1);
    expect(configFromEnv({ ...base, TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(configFromEnv({ ...base, LOGIN_WRONG_CODES_PER_PHONE_PER_DAY: '3', LOGIN_SECONDS_BETWEEN_CODES: '0' }).loginLimits).toMatchObject({
      wrongCodesPerPhonePerDay: 3,
      secondsBetweenCodes: 0,
    });
    expect(() => configFromEnv({ ...base, TRUST_PROXY: 'yes' })).toThrow(/TRUST_PROXY/);
    expect(() => configFromEnv({ ...base, LOGIN_CODES_PER_PHONE_PER_HOUR: '0' })).toThrow(/LOGIN_CODES_PER_PHONE_PER_HOUR/);
  });
});
