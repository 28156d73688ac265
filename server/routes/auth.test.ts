/**
 * Log-in over real HTTP: one-time codes, the session cookie, logout, and every way a request body can
 * be wrong. The database is read to prove that refused requests wrote nothing.
 */
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBody, type ErrorCode, maxJsonBodyBytes } from '../../core/contract/common.ts';
import { endpoints } from '../../core/contract/endpoints.ts';
import { expectApiError } from '../../testing/server/test-client.ts';
import { startSmsReceiver, type SmsReceiver } from '../../testing/server/sms-receiver.ts';
import { startTestServer } from '../../testing/server/test-server.ts';

type TestServer = Awaited<ReturnType<typeof startTestServer>>;

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server.close();
});

const phones = {
  a: '13800000001',
  b: '13800000002',
  c: '13800000003',
  d: '13800000004',
  e: '13800000005',
  f: '13800000006',
  unknown: '13900000000',
  /** Asks for a code without being registered. */
  stranger: '13900000009',
} as const;

// ---------------------------------------------------------------------------------------------------
// helpers

function api(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${server.url}/api${path}`, init);
}

function postJson(path: string, body: unknown, cookie?: string): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (cookie) headers.cookie = cookie;
  return api(path, { method: 'POST', headers, body: JSON.stringify(body) });
}

function getMe(cookie?: string): Promise<Response> {
  return api('/me', cookie ? { headers: { cookie } } : {});
}

async function requestOtp(phone: string): Promise<string> {
  const response = await postJson('/auth/otp', { phone });
  expect(response.status).toBe(200);
  const body = endpoints.requestOtp.response.parse(await response.json());
  if (!body.demoCode) throw new Error('demo mode should return the code');
  return body.demoCode;
}

/** A six-digit code that is certainly not `code`. */
function wrongCodeFor(code: string): string {
  return code === '000000' ? '111111' : '000000';
}

interface SetCookie {
  name: string;
  value: string;
  attributes: Map<string, string>;
}

function parseSetCookie(header: string): SetCookie {
  const [pair = '', ...rest] = header.split(';').map((part) => part.trim());
  const eq = pair.indexOf('=');
  const attributes = new Map<string, string>();
  for (const attribute of rest) {
    const at = attribute.indexOf('=');
    if (at === -1) attributes.set(attribute.toLowerCase(), '');
    else attributes.set(attribute.slice(0, at).toLowerCase(), attribute.slice(at + 1));
  }
  return { name: pair.slice(0, eq), value: pair.slice(eq + 1), attributes };
}

function sessionSetCookie(response: Response): SetCookie | undefined {
  return response.headers
    .getSetCookie()
    .map(parseSetCookie)
    .find((cookie) => cookie.name === 'sw_session');
}

async function login(phone: string): Promise<string> {
  const code = await requestOtp(phone);
  const response = await postJson('/auth/login', { phone, code });
  expect(response.status).toBe(200);
  const cookie = sessionSetCookie(response);
  if (!cookie) throw new Error('login should set sw_session');
  return `sw_session=${cookie.value}`;
}

interface OtpRow {
  phone: string;
  code_hash: string;
  expires_at: number;
  attempts: number;
  issued_at: number;
}

interface SessionRow {
  token_hash: string;
  citizen_id: string;
  expires_at: number;
}

async function countRows(table: 'sessions' | 'otp_codes'): Promise<number> {
  return (await server.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))[0]?.n ?? -1;
}

/** Everything auth may write, to compare before and after a request. */
async function authState(): Promise<{ sessions: SessionRow[]; otpCodes: OtpRow[] }> {
  return {
    sessions: await server.query<SessionRow>('SELECT * FROM sessions ORDER BY token_hash'),
    otpCodes: await server.query<OtpRow>('SELECT * FROM otp_codes ORDER BY phone'),
  };
}

async function otpRow(phone: string): Promise<OtpRow | undefined> {
  return (await server.query<OtpRow>('SELECT * FROM otp_codes WHERE phone = ?', phone))[0];
}

/** A raw HTTP/1.1 request, for bodies fetch will not send as-is (chunked, no content-length). */
function rawPost(
  path: string,
  headers: Record<string, string>,
  chunks: readonly Buffer[],
): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ hostname, port, path, method: 'POST', headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (part: Buffer) => parts.push(part));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    chunks.forEach((chunk) => req.write(chunk));
    req.end();
  });
}

// ---------------------------------------------------------------------------------------------------

describe('POST /api/auth/otp', () => {
  it('answers a registered phone with a six-digit demo code and stores only its hash', async () => {
    const before = await countRows('otp_codes');
    const response = await postJson('/auth/otp', { phone: phones.a });
    expect(response.status).toBe(200);
    const body = endpoints.requestOtp.response.parse(await response.json());
    expect(body.sent).toBe(true);
    expect(body.expiresInSeconds).toBeGreaterThan(0);
    expect(body.demoCode).toMatch(/^\d{6}$/);

    const row = (await otpRow(phones.a));
    expect(row).toBeDefined();
    expect(row?.attempts).toBe(0);
    expect(row?.code_hash).not.toContain(body.demoCode ?? 'missing');
    expect(await countRows('otp_codes')).toBe(before + 1);
  });

  it('answers an unknown phone as sent, without a demo code, and its code logs no one in', async () => {
    const response = await postJson('/auth/otp', { phone: phones.stranger });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ sent: true, expiresInSeconds: 300 });
    // A code is kept, so that later answers (wrong, expired, too many tries) match a registered number's.
    expect((await otpRow(phones.stranger))?.attempts).toBe(0);
    await expectApiError(await postJson('/auth/login', { phone: phones.stranger, code: '123456' }), 401, 'otp_invalid');
  });
});

describe('POST /api/auth/login', () => {
  it('logs in with the code and sets an httpOnly, SameSite=Strict sw_session cookie', async () => {
    const code = await requestOtp(phones.a);
    const sessionsBefore = await countRows('sessions');

    const response = await postJson('/auth/login', { phone: phones.a, code });
    expect(response.status).toBe(200);
    const body = endpoints.login.response.parse(await response.json());
    expect(body.citizen.id).toBe('demo-a');
    expect(body.dependants).toEqual([]); // demo-f is linked in the app first: see family.test.ts

    const cookie = sessionSetCookie(response);
    expect(cookie).toBeDefined();
    expect(cookie?.value.length).toBeGreaterThanOrEqual(32);
    expect(cookie?.attributes.has('httponly')).toBe(true);
    expect(cookie?.attributes.get('samesite')).toBe('Strict');
    expect(cookie?.attributes.get('path')).toBe('/');
    expect(Number(cookie?.attributes.get('max-age'))).toBeGreaterThan(0);

    // One new session, stored as a hash of the token, never the token itself.
    expect(await countRows('sessions')).toBe(sessionsBefore + 1);
    const stored = (await authState()).sessions.map((session) => session.token_hash);
    expect(stored).not.toContain(cookie?.value);

    // The code is spent.
    expect((await otpRow(phones.a))).toBeUndefined();

    const me = await getMe(`sw_session=${cookie?.value ?? ''}`);
    expect(me.status).toBe(200);
    expect(endpoints.me.response.parse(await me.json()).citizen.id).toBe('demo-a');
  });

  it('does not accept the same code twice', async () => {
    const code = await requestOtp(phones.a);
    expect((await postJson('/auth/login', { phone: phones.a, code })).status).toBe(200);
    const sessionsBefore = await countRows('sessions');

    const again = await postJson('/auth/login', { phone: phones.a, code });
    expect(sessionSetCookie(again)).toBeUndefined();
    await expectApiError(again, 401, 'otp_invalid');
    expect(await countRows('sessions')).toBe(sessionsBefore);
  });

  it('refuses a wrong code with 401 otp_invalid, sets no cookie and starts no session', async () => {
    const code = await requestOtp(phones.b);
    const sessionsBefore = (await authState()).sessions;

    const response = await postJson('/auth/login', { phone: phones.b, code: wrongCodeFor(code) });
    expect(sessionSetCookie(response)).toBeUndefined();
    await expectApiError(response, 401, 'otp_invalid');

    expect((await authState()).sessions).toEqual(sessionsBefore);
    expect((await otpRow(phones.b))?.attempts).toBe(1);
    await expectApiError(await getMe(), 401, 'unauthenticated');
  });

  it('refuses a phone that never asked for a code with 401 otp_invalid', async () => {
    const before = (await authState());
    await expectApiError(await postJson('/auth/login', { phone: phones.unknown, code: '123456' }), 401, 'otp_invalid');
    expect((await authState())).toEqual(before);
  });

  it('after five wrong codes answers 429 too_many_attempts, even to the right code', async () => {
    const code = await requestOtp(phones.c);
    const wrong = wrongCodeFor(code);
    for (let attempt = 1; attempt <= 5; attempt++) {
      await expectApiError(await postJson('/auth/login', { phone: phones.c, code: wrong }), 401, 'otp_invalid');
    }
    expect((await otpRow(phones.c))?.attempts).toBe(5);
    const sessionsBefore = (await authState()).sessions;

    await expectApiError(await postJson('/auth/login', { phone: phones.c, code: wrong }), 429, 'too_many_attempts');
    const right = await postJson('/auth/login', { phone: phones.c, code });
    expect(sessionSetCookie(right)).toBeUndefined();
    await expectApiError(right, 429, 'too_many_attempts');
    expect((await authState()).sessions).toEqual(sessionsBefore);

    // A fresh code starts the count again.
    const fresh = await requestOtp(phones.c);
    const response = await postJson('/auth/login', { phone: phones.c, code: fresh });
    expect(response.status).toBe(200);
    expect(endpoints.login.response.parse(await response.json()).citizen.id).toBe('demo-c');
  });
});

describe('POST /api/auth/logout', () => {
  it('ends the session on the server and clears the cookie', async () => {
    const cookie = await login(phones.d);
    expect((await getMe(cookie)).status).toBe(200);
    const sessionsBefore = await countRows('sessions');

    const response = await postJson('/auth/logout', {}, cookie);
    expect(response.status).toBe(200);
    expect(endpoints.logout.response.parse(await response.json())).toEqual({ ok: true });
    const cleared = sessionSetCookie(response);
    expect(cleared?.value).toBe('');
    expect(cleared?.attributes.get('max-age')).toBe('0');
    expect(await countRows('sessions')).toBe(sessionsBefore - 1);

    // The old token, replayed, no longer works.
    await expectApiError(await getMe(cookie), 401, 'unauthenticated');
  });

  it('logs out only the session it was sent with', async () => {
    const first = await login(phones.d);
    const second = await login(phones.d);
    expect((await postJson('/auth/logout', {}, first)).status).toBe(200);
    await expectApiError(await getMe(first), 401, 'unauthenticated');
    expect((await getMe(second)).status).toBe(200);
  });

  it('answers ok without a session and changes nothing', async () => {
    const before = (await authState());
    const response = await postJson('/auth/logout', {});
    expect(response.status).toBe(200);
    expect(endpoints.logout.response.parse(await response.json())).toEqual({ ok: true });
    expect((await authState())).toEqual(before);
  });
});

describe('GET /api/session', () => {
  async function getSession(cookie?: string) {
    const response = await api('/session', cookie ? { headers: { cookie } } : {});
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    return endpoints.session.response.parse(await response.json());
  }

  it('answers 200 with no citizen on a first visit, a made-up token and a logged-out one', async () => {
    expect(await getSession()).toEqual({ citizen: null });
    expect(await getSession('sw_session=not-a-session')).toEqual({ citizen: null });
    const cookie = await login(phones.e);
    expect((await postJson('/auth/logout', {}, cookie)).status).toBe(200);
    expect(await getSession(cookie)).toEqual({ citizen: null });
  });

  it('answers a live session with the same household as /api/me', async () => {
    const cookie = await login(phones.a);
    const session = await getSession(cookie);
    expect(session.citizen?.id).toBe('demo-a');
    expect(session).toEqual(endpoints.me.response.parse(await (await getMe(cookie)).json()));
  });
});

describe('refused bodies write nothing', () => {
  // demo-e holds a live code throughout, so a malformed login that slipped through would count an attempt.
  let pendingCode = '';
  beforeAll(async () => {
    pendingCode = await requestOtp(phones.e);
  });

  const oversized = JSON.stringify({ phone: phones.e, code: '123456', padding: 'x'.repeat(maxJsonBodyBytes) });

  interface BadRequest {
    name: string;
    path: '/auth/otp' | '/auth/login';
    contentType: string | null;
    body: string | Uint8Array<ArrayBuffer>;
    status: number;
    code: ErrorCode;
  }

  const json = (path: BadRequest['path'], name: string, value: unknown): BadRequest => ({
    name,
    path,
    contentType: 'application/json',
    body: JSON.stringify(value),
    status: 400,
    code: 'invalid_body',
  });

  const badRequests: BadRequest[] = [
    json('/auth/otp', 'phone too short', { phone: '1380000' }),
    json('/auth/otp', 'phone not a mobile prefix', { phone: '23800000001' }),
    json('/auth/otp', 'phone with letters', { phone: '1380000000a' }),
    json('/auth/otp', 'phone as a number', { phone: 13800000005 }),
    json('/auth/otp', 'phone missing', {}),
    json('/auth/login', 'login phone malformed', { phone: '138-0000-0005', code: '123456' }),
    json('/auth/login', 'code too short', { phone: phones.e, code: '12345' }),
    json('/auth/login', 'code too long', { phone: phones.e, code: '1234567' }),
    json('/auth/login', 'code with letters', { phone: phones.e, code: '12a456' }),
    json('/auth/login', 'code as a number', { phone: phones.e, code: 123456 }),
    json('/auth/login', 'code missing', { phone: phones.e }),
    ...(['/auth/otp', '/auth/login'] as const).flatMap((path): BadRequest[] => [
      { name: `${path} truncated JSON`, path, contentType: 'application/json', body: '{"phone":', status: 400, code: 'bad_json' },
      { name: `${path} empty body`, path, contentType: 'application/json', body: '', status: 400, code: 'bad_json' },
      { name: `${path} single quotes`, path, contentType: 'application/json', body: "{'phone':'13800000005'}", status: 400, code: 'bad_json' },
      {
        name: `${path} text/plain`,
        path,
        contentType: 'text/plain',
        body: JSON.stringify({ phone: phones.e, code: '123456' }),
        status: 415,
        code: 'unsupported_media_type',
      },
      {
        name: `${path} form-encoded`,
        path,
        contentType: 'application/x-www-form-urlencoded',
        body: `phone=${phones.e}&code=123456`,
        status: 415,
        code: 'unsupported_media_type',
      },
      {
        name: `${path} no content type`,
        path,
        contentType: null,
        body: new TextEncoder().encode(JSON.stringify({ phone: phones.e, code: '123456' })),
        status: 415,
        code: 'unsupported_media_type',
      },
      { name: `${path} over 64 KiB`, path, contentType: 'application/json', body: oversized, status: 413, code: 'body_too_large' },
    ]),
  ];

  it.each(badRequests)('$name → $status $code', async ({ path, contentType, body, status, code }) => {
    const before = (await authState());

    const headers: Record<string, string> = contentType ? { 'content-type': contentType } : {};
    const response = await api(path, { method: 'POST', headers, body });
    expect(sessionSetCookie(response)).toBeUndefined();
    await expectApiError(response, status, code);

    expect((await authState())).toEqual(before);
    await expectApiError(await getMe(), 401, 'unauthenticated');
  });

  it('leaves the pending code unspent and usable after all those refusals', async () => {
    expect((await otpRow(phones.e))?.attempts).toBe(0);
    const response = await postJson('/auth/login', { phone: phones.e, code: pendingCode });
    expect(response.status).toBe(200);
    expect(endpoints.login.response.parse(await response.json()).citizen.id).toBe('demo-e');
  });

  it('accepts a body of exactly 64 KiB but refuses one byte more', async () => {
    const make = (size: number): string => {
      const skeleton = JSON.stringify({ phone: 'not-a-phone', padding: '' });
      return JSON.stringify({ phone: 'not-a-phone', padding: 'x'.repeat(size - skeleton.length) });
    };
    const atLimit = make(maxJsonBodyBytes);
    const overLimit = make(maxJsonBodyBytes + 1);
    expect(Buffer.byteLength(atLimit)).toBe(maxJsonBodyBytes);
    expect(Buffer.byteLength(overLimit)).toBe(maxJsonBodyBytes + 1);

    const headers = { 'content-type': 'application/json' };
    await expectApiError(await api('/auth/otp', { method: 'POST', headers, body: atLimit }), 400, 'invalid_body');
    await expectApiError(await api('/auth/otp', { method: 'POST', headers, body: overLimit }), 413, 'body_too_large');
  });

  it('refuses an oversized chunked body that declares no length, and writes nothing', async () => {
    const before = (await authState());
    const chunk = Buffer.from(' '.repeat(16 * 1024));
    const chunks = [Buffer.from(`{"phone":"${phones.e}","pad":"`), ...Array.from({ length: 5 }, () => chunk), Buffer.from('"}')];
    const response = await rawPost('/api/auth/otp', { 'content-type': 'application/json' }, chunks);
    expect(response.status).toBe(413);
    expect(errorBody.parse(JSON.parse(response.body)).error.code).toBe('body_too_large');
    expect((await authState())).toEqual(before);
  });
});

describe('outside demo mode', () => {
  let production: Awaited<ReturnType<typeof startTestServer>>;
  let sms: SmsReceiver;
  beforeAll(async () => {
    sms = await startSmsReceiver();
    production = await startTestServer({ demo: false, smsWebhook: sms.webhook });
    await production.storage.citizens.upsert({
      id: 'real-1',
      phone: '13912345678',
      name: '周八',
      idNumber: '310101198001011111',
      colour: 'green',
      colourSince: new Date().toISOString(),
      guardianId: null,
    });
  });
  afterAll(async () => {
    await production.close();
    await sms.close();
  });

  const ask = () =>
    fetch(`${production.url}/api/auth/otp`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ phone: '13912345678' }),
    });

  it('never shows the code in the response and sends at most one code per half minute', async () => {
    const first = await ask();
    expect(first.status).toBe(200);
    expect(await first.json()).not.toHaveProperty('demoCode');
    expect(sms.received).toHaveLength(1);
    const second = await ask();
    expect(second.status).toBe(429);
    expect(await second.json()).toMatchObject({ error: { code: 'rate_limited' } });
    expect(sms.received).toHaveLength(1);
  });

  it('hides the demo accounts', async () => {
    expect((await fetch(`${production.url}/api/demo/accounts`)).status).toBe(404);
  });
});
