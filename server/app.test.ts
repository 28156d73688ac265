/**
 * The HTTP surface as a whole, over real HTTP: security headers on every response, JSON 404s for
 * unknown API routes, malformed bodies never reaching a 500, and the static client.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginBody, requestOtpBody } from '../core/contract/account.ts';
import { errorBody, errorCodes } from '../core/contract/common.ts';
import { reviewEndpoints } from '../core/contract/antigen-review.ts';
import { endpoints } from '../core/contract/endpoints.ts';
import { createApp } from './app.ts';
import { startServer, type RunningServer } from './server.ts';
import { startTestServer } from '../testing/server/test-server.ts';
import { unusedSmsWebhook } from '../testing/server/sms-receiver.ts';
import { loginCookie } from '../testing/server/test-client.ts';

type TestServer = Awaited<ReturnType<typeof startTestServer>>;

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server.close();
});

interface RawResponse {
  status: number;
  headers: Headers;
  body: string;
}

/** A raw HTTP/1.1 request: the path goes on the wire exactly as given, unlike fetch, which normalises it. */
function rawRequest(baseUrl: string, method: string, path: string): Promise<RawResponse> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ hostname, port, path, method }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (part: Buffer) => parts.push(part));
      res.on('end', () => {
        const headers = new Headers();
        for (const [name, value] of Object.entries(res.headers)) {
          if (typeof value === 'string') headers.set(name, value);
          else value?.forEach((item) => headers.append(name, item));
        }
        resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(parts).toString('utf8') });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .filter((tokens) => tokens[0])
      .map(([name = '', ...values]) => [name.toLowerCase(), values]),
  );
}

function expectSecurityHeaders(headers: Headers): void {
  const policy = headers.get('content-security-policy');
  expect(policy).not.toBeNull();
  const parsed = directives(policy ?? '');
  expect(parsed.get('frame-ancestors')).toEqual(["'none'"]);
  const scripts = parsed.get('script-src') ?? parsed.get('default-src');
  expect(scripts).toBeDefined();
  expect(scripts).not.toContain("'unsafe-inline'");
  expect(scripts).not.toContain("'unsafe-eval'");
  expect(scripts).not.toContain('*');
  expect(headers.get('x-content-type-options')).toBe('nosniff');
  expect(headers.get('referrer-policy')).toBe('no-referrer');
}

async function expectJsonError(response: Response, status: number, code: string): Promise<void> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type') ?? '').toMatch(/^application\/json/);
  expect(errorBody.parse(await response.json()).error.code).toBe(code);
}

describe('security headers', () => {
  it('are on an API 200', async () => {
    const response = await fetch(`${server.url}/api/rule-sets`);
    expect(response.status).toBe(200);
    expectSecurityHeaders(response.headers);
  });

  it('are on an API 404', async () => {
    const response = await fetch(`${server.url}/api/no-such-route`);
    expect(response.status).toBe(404);
    expectSecurityHeaders(response.headers);
  });

  it('are on an API 401', async () => {
    const response = await fetch(`${server.url}/api/me`);
    expect(response.status).toBe(401);
    expectSecurityHeaders(response.headers);
  });

  it('are on API 4xx answers to bad bodies', async () => {
    const badJson = await fetch(`${server.url}/api/auth/otp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{',
    });
    expect(badJson.status).toBe(400);
    expectSecurityHeaders(badJson.headers);

    const wrongType = await fetch(`${server.url}/api/auth/otp`, { method: 'POST', body: 'x' });
    expect(wrongType.status).toBe(415);
    expectSecurityHeaders(wrongType.headers);
  });

  it('are on a non-API 404 when no client is served', async () => {
    const response = await fetch(`${server.url}/whatever`);
    expect(response.status).toBe(404);
    expectSecurityHeaders(response.headers);
  });
});

describe('unknown API routes', () => {
  const unknown: [method: string, path: string][] = [
    ['GET', '/api/nope'],
    ['POST', '/api/nope'],
    ['GET', '/api/nested/deeper/still'],
    ['POST', '/api/auth/otp/extra'],
    ['GET', '/api/auth/login'],
    ['DELETE', '/api/demo/accounts'],
    ['PUT', '/api/rule-sets'],
    ['GET', '/api/'],
  ];

  it.each(unknown)('%s %s → 404 {error:{code:"not_found"}}', async (method, path) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      ...(method === 'GET' ? {} : { headers: { 'content-type': 'application/json' }, body: '{}' }),
    });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type') ?? '').toMatch(/^application\/json/);
    const body = errorBody.parse(await response.json());
    expect(body.error.code).toBe('not_found');
    expect(body.error.message.length).toBeGreaterThan(0);
  });
});

describe('the route table', () => {
  /** A plausible value for each path parameter the contract uses. */
  const sample: Record<string, string> = { number: '12345678', citizenId: 'demo-a', kioskId: 'k1', id: '00000000-0000-4000-8000-000000000000', scope: 'pcr-results' };
  const contract = { ...endpoints, ...reviewEndpoints };

  it.each(Object.entries(contract))('routes %s (it never falls through to the unknown-route 404)', async (_name, endpoint) => {
    const path = endpoint.path.replace(/:([A-Za-z]+)/g, (_, param: string) => sample[param] ?? 'x');
    const response = await fetch(`${server.url}/api${path}`, {
      method: endpoint.method,
      ...(endpoint.method === 'GET' ? {} : { headers: { 'content-type': 'application/json' }, body: '{}' }),
    });
    expect(await response.text()).not.toContain('No API route');
  });

  it('passes each request through one guard, once: a session under /venues, a pairing token under /kiosk', async () => {
    const calls = { session: 0, kiosk: 0 };
    const { services } = server;
    const app = createApp({
      ...services,
      auth: { ...services.auth, citizenForSession: (token: string) => (calls.session++, services.auth.citizenForSession(token)) },
      kiosks: { ...services.kiosks, authenticate: (token: string | undefined) => (calls.kiosk++, services.kiosks.authenticate(token)) },
    });
    const cookie = await loginCookie(server.url, '13800000001');
    expect((await app.request('/api/venues/12345678/kiosks', { headers: { cookie } })).status).toBe(404);
    expect(calls).toEqual({ session: 1, kiosk: 0 });
    expect((await app.request('/api/kiosk/me', { headers: { cookie, authorization: 'Bearer ssk1.x.y' } })).status).toBe(401);
    expect(calls).toEqual({ session: 1, kiosk: 1 });
    expect((await app.request('/api/me/access-log', { headers: { cookie } })).status).toBe(200);
    expect(calls).toEqual({ session: 2, kiosk: 1 });
  });
});

describe('malformed bodies never reach a 500', () => {
  type Bytes = Uint8Array<ArrayBuffer>;
  const utf8 = (text: string): Bytes => new TextEncoder().encode(text);
  const bytes = (...values: number[]): Bytes => Uint8Array.from(values);

  let nested: unknown = 'deep';
  for (let depth = 0; depth < 500; depth++) nested = depth % 2 === 0 ? { phone: nested } : [nested];

  const jsonValues: unknown[] = [
    null,
    0,
    -1,
    13800000001,
    1e308,
    true,
    'a string',
    '13800000001',
    [],
    [{ phone: '13800000001', code: '123456' }],
    {},
    { phone: null, code: null },
    { phone: ['13800000001'] },
    { phone: { toString: '13800000001' } },
    { phone: 13800000001, code: 123456 },
    { phone: '１３８０００００００１', code: '１２３４５６' },
    { phone: '13800000001\u0000', code: '12345\u0000' },
    { phone: '\ud800\udc00\ud800', code: '\udfff' },
    { phone: '😀'.repeat(1000), code: '😀😀😀😀😀😀' },
    { phone: '1'.repeat(30_000), code: '2'.repeat(30_000) },
    { phone: '138000000011', code: '1234567' },
    { phone: '13800000001', code: '12 456' },
    { __proto__: { phone: '13800000001' } },
    { constructor: { prototype: { phone: '13800000001' } } },
    nested,
  ];

  const rawBodies: [name: string, body: Bytes][] = [
    ['invalid UTF-8 bytes', bytes(0x7b, 0x22, 0x70, 0x68, 0x6f, 0x6e, 0x65, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x22, 0x7d)],
    ['overlong UTF-8 slash', bytes(0x7b, 0x22, 0xc0, 0xaf, 0x22, 0x3a, 0x31, 0x7d)],
    ['UTF-8 encoded surrogate', bytes(0x22, 0xed, 0xa0, 0x80, 0x22)],
    ['lone continuation byte', bytes(0x80)],
    ['NUL bytes', bytes(0, 0, 0, 0)],
    ['UTF-16LE JSON', Uint8Array.from(Buffer.from('{"phone":"13800000001"}', 'utf16le'))],
    ['gzip magic', bytes(0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00)],
    ['empty', bytes()],
    ['whitespace only', utf8(' \n\t ')],
    ['trailing comma', utf8('{"phone":"13800000001",}')],
    ['two documents', utf8('{"phone":"13800000001"}{"phone":"13800000002"}')],
    ['NaN', utf8('{"phone":NaN}')],
    ['comment', utf8('/* hi */ {"phone":"13800000001"}')],
    ['unterminated string', utf8('{"phone":"1380')],
    ['deep array nesting', utf8('['.repeat(30_000) + ']'.repeat(30_000))],
    ['unbalanced nesting', utf8('{'.repeat(10_000))],
    ['huge number', utf8('9'.repeat(60_000))],
    ['over the size limit', utf8(JSON.stringify({ phone: '13800000001', pad: 'x'.repeat(70_000) }))],
  ];

  interface Target {
    path: string;
    accepts: (value: unknown) => boolean;
  }
  const targets: Target[] = [
    { path: endpoints.requestOtp.path, accepts: (value) => requestOtpBody.safeParse(value).success },
    { path: endpoints.login.path, accepts: (value) => loginBody.safeParse(value).success },
  ];

  /** The raw bodies plus every JSON value above that is not, after all, a valid body for the target. */
  function malformedBodies({ accepts }: Target): [name: string, body: Bytes][] {
    const invalid = jsonValues.flatMap((value, index): [string, Bytes][] =>
      accepts(value) ? [] : [[`JSON value #${index}`, utf8(JSON.stringify(value))]],
    );
    expect(invalid.length).toBeGreaterThan(jsonValues.length - 3);
    return [...rawBodies, ...invalid];
  }

  async function expectRefused(path: string, body: Bytes, label: string, contentType = 'application/json'): Promise<void> {
    const response = await fetch(`${server.url}/api${path}`, {
      method: 'POST',
      headers: { 'content-type': contentType },
      body,
    });
    const where = `POST /api${path} with ${label}`;
    expect(response.status, where).toBeGreaterThanOrEqual(400);
    expect(response.status, where).toBeLessThan(500);
    const parsed = errorBody.safeParse(await response.json());
    expect(parsed.success, `${where}: error body`).toBe(true);
    expect(errorCodes, where).toContain(parsed.data?.error.code);
  }

  async function authRowCounts(): Promise<{ sessions: number; otpCodes: number }> {
    const count = async (table: string): Promise<number> =>
      (await server.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))[0]?.n ?? -1;
    return { sessions: await count('sessions'), otpCodes: await count('otp_codes') };
  }

  it.each(targets)('POST /api$path answers every malformed body with a 4xx error body', async (target) => {
    const { path } = target;
    const before = await authRowCounts();
    for (const [name, body] of malformedBodies(target)) {
      await expectRefused(path, body, name);
    }
    for (const contentType of ['text/plain', 'application/xml', 'multipart/form-data; boundary=x', 'json']) {
      await expectRefused(path, utf8('{"phone":"13800000001","code":"123456"}'), `content type ${contentType}`, contentType);
    }
    expect(await authRowCounts()).toEqual(before);
  });

  it.each(targets)('POST /api$path answers random invalid JSON with a 4xx error body', async ({ path, accepts }) => {
    const before = await authRowCounts();
    await fc.assert(
      fc.asyncProperty(
        fc.jsonValue().filter((value) => !accepts(value)),
        async (value) => {
          await expectRefused(path, new TextEncoder().encode(JSON.stringify(value)), JSON.stringify(value).slice(0, 200));
        },
      ),
      { seed: 20220402, numRuns: 40 },
    );
    expect(await authRowCounts()).toEqual(before);
  });
});

describe('static client', () => {
  let root = '';
  let staticServer: RunningServer;

  const shell = '<!doctype html><title>Suishen shell</title>';
  const script = 'console.log("app-abc");';
  const secret = 'root:x:0:0:do-not-serve-me';

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'suishen-static-'));
    const dist = join(root, 'dist');
    mkdirSync(join(dist, 'assets'), { recursive: true });
    writeFileSync(join(dist, 'index.html'), shell);
    writeFileSync(join(dist, 'robots.txt'), 'User-agent: *\nDisallow:\n');
    writeFileSync(join(dist, 'assets', 'app-abc.js'), script);
    // Files next to dist that no request may reach.
    writeFileSync(join(root, 'secret.txt'), secret);
    mkdirSync(join(root, 'dist-private'));
    writeFileSync(join(root, 'dist-private', 'leak.txt'), secret);
    // No code is ever asked for here, so the SMS webhook is never called.
    staticServer = await startServer({ port: 0, database: { engine: 'sqlite', dataDir: join(root, 'data') }, demo: false, smsWebhook: unusedSmsWebhook, distDir: dist });
  });

  afterAll(async () => {
    await staticServer.close();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it.each(['/', '/some/client/route', '/check'])('%s → index.html, revalidated every time', async (path) => {
    const response = await fetch(`${staticServer.url}${path}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(await response.text()).toBe(shell);
    expectSecurityHeaders(response.headers);
  });

  it('serves a hashed asset with an immutable, long cache header', async () => {
    const response = await fetch(`${staticServer.url}/assets/app-abc.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/javascript/);
    const cache = response.headers.get('cache-control') ?? '';
    expect(cache).toContain('immutable');
    expect(cache).toMatch(/max-age=\d{7,}/);
    expect(await response.text()).toBe(script);
    expectSecurityHeaders(response.headers);
  });

  it('answers a missing asset with 404, not the shell', async () => {
    const response = await fetch(`${staticServer.url}/assets/missing-xyz.js`);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain(shell);
    expectSecurityHeaders(response.headers);
  });

  it('answers a missing file with an extension outside /assets with 404', async () => {
    const response = await fetch(`${staticServer.url}/missing.png`);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain(shell);
  });

  it('serves /robots.txt', async () => {
    const response = await fetch(`${staticServer.url}/robots.txt`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(await response.text()).toContain('User-agent');
  });

  it('still answers unknown API routes with JSON 404, not the shell', async () => {
    await expectJsonError(await fetch(`${staticServer.url}/api/no-such-route`), 404, 'not_found');
    await expectJsonError(
      await fetch(`${staticServer.url}/api/no/such/route`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }),
      404,
      'not_found',
    );
    const rules = await fetch(`${staticServer.url}/api/rule-sets`);
    expect(rules.status).toBe(200);
    endpoints.ruleSets.response.parse(await rules.json());
  });

  /** Encoded traversals reach the file server undecoded; it must refuse them outright. */
  const encodedTraversals = [
    '/..%2f..%2fetc/passwd',
    '/..%2F..%2F..%2F..%2F..%2F..%2F..%2F..%2Fetc%2Fpasswd',
    '/assets/..%2f..%2f..%2f..%2f..%2f..%2f..%2f..%2fetc/passwd',
    '/..%2fsecret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/%2e%2e%2fsecret.txt',
    '/..%5csecret.txt',
    '/..%2fdist-private%2fleak.txt',
    '/..%2fdist-private/leak.txt',
    '/%252e%252e%252fsecret.txt',
  ];

  it.each(encodedTraversals)('refuses %s with 404 and never serves a file outside dist', async (path) => {
    const response = await rawRequest(staticServer.url, 'GET', path);
    expect(response.body).not.toContain('root:x:0:0');
    expect(response.body).not.toContain(secret);
    expect(response.status).toBe(404);
    expectSecurityHeaders(response.headers);
  });

  /** Plain dot segments are resolved by URL parsing before routing, so at worst they land on the shell. */
  const dotSegments = [
    '/../../../../../../etc/passwd',
    '/assets/../../../../../../../etc/passwd',
    '/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
    '/../secret.txt',
  ];

  it.each(dotSegments)('never serves a file outside dist for %s', async (path) => {
    const response = await rawRequest(staticServer.url, 'GET', path);
    expect(response.body).not.toContain('root:x:0:0');
    expect(response.body).not.toContain(secret);
    if (response.status === 200) expect(response.body).toBe(shell);
    else expect(response.status).toBe(404);
  });

  it('does not serve an absolute file-system path', async () => {
    for (const path of [`/${join(root, 'secret.txt')}`, `/${encodeURIComponent(join(root, 'secret.txt'))}`]) {
      const response = await rawRequest(staticServer.url, 'GET', path);
      expect(response.body, path).not.toContain(secret);
      expect(response.status, path).toBe(404);
    }
  });
});
