/**
 * Property: whatever arrives at any API route (random path parameters, query strings, headers, cookies and
 * bodies: JSON of any shape, text, raw bytes), the answer is never a 5xx, every refusal is a JSON error
 * with a code from the contract, and the database holds exactly what it held before. Requests go with no
 * session, a forged one and a real one, and with a real provider key and a real kiosk pairing token, so that
 * the checks behind the session and key walls are reached too.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBody, errorCodes } from '../../core/contract/common.ts';
import { endpoints } from '../../core/contract/endpoints.ts';
import { approveVenue, licenseKiosk } from '../../testing/server/operator-client.ts';
import { loginCookie } from '../../testing/server/test-client.ts';
import { startTestServer, testEngine, type TestServer } from '../../testing/server/test-server.ts';

let server: TestServer;
let session: string;
let providerKey: string;
let kioskToken: string;

beforeAll(async () => {
  server = await startTestServer();
  session = await loginCookie(server.url, '13800000001');
  providerKey = await server.services.providers.add('random-lab', 'citizens,pcr-results,antigen-results,vaccinations,itinerary,colour-decisions');
  const venue = await server.services.venues.register('demo-a', { name: '随机小店', district: '黄浦区', address: '南京东路1号', kind: 'shop' });
  // Kiosks are for approved venues, and a licensed one reaches the lookup routes' own checks.
  await approveVenue(server.url, venue.number);
  const paired = await server.services.kiosks.pair('demo-a', venue.number, '入口');
  kioskToken = paired.pairingToken;
  await licenseKiosk(server.url, paired.kiosk.id, { typedIdAllowed: true });
});
afterAll(() => server.close());

/** Every route: the contract's endpoints, the probes, and an API path that does not exist. */
const routes = [
  ...Object.values(endpoints).map(({ method, path }) => ({ method, path })),
  { method: 'GET', path: '/health' },
  { method: 'GET', path: '/ready' },
  { method: 'POST', path: '/no-such/:thing' },
] as const;

/** Everything in the database, table by table, to compare before and after. */
async function snapshot(): Promise<string> {
  const tables =
    testEngine === 'postgres'
      ? await server.query<{ name: string }>("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1")
      : await server.query<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY 1");
  const contents: Record<string, string[]> = {};
  for (const { name } of tables) {
    // Table names come from the catalogue above, never from a request.
    const rows = await server.query<Record<string, unknown>>(`SELECT * FROM ${name}`);
    // When a kiosk was last seen is written by any request it makes, on purpose.
    if (name === 'kiosks') for (const row of rows) delete row.last_seen_at;
    contents[name] = rows.map((row) => JSON.stringify(row, (_, value: unknown) => (value instanceof Uint8Array ? Buffer.from(value).toString('hex') : value))).sort();
  }
  return JSON.stringify(contents);
}

const printable = (max: number) => fc.stringMatching(new RegExp(`^[\\x20-\\x7e]{0,${max}}$`));

const body = fc.oneof(
  fc.constant(undefined),
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.uint8Array({ maxLength: 300 }),
  // Close to valid: an object with the contract's field names and random values.
  fc
    .record({ phone: fc.jsonValue(), code: fc.jsonValue(), name: fc.jsonValue(), idNumber: fc.jsonValue(), subject: fc.jsonValue(), items: fc.jsonValue() }, { requiredKeys: [] })
    .map((value) => JSON.stringify(value)),
  fc.array(fc.jsonValue().map((value) => JSON.stringify(value)), { maxLength: 5 }).map((lines) => lines.join('\n')),
);

const request = fc.record({
  route: fc.constantFrom(...routes),
  params: fc.array(fc.string({ maxLength: 40 }), { minLength: 2, maxLength: 2 }),
  query: fc.dictionary(printable(10), fc.string({ maxLength: 30 }), { maxKeys: 3 }),
  contentType: fc.constantFrom(undefined, 'application/json', 'application/x-ndjson', 'text/plain', 'multipart/form-data', 'application/json; charset=latin1'),
  cookie: fc.oneof(fc.constant('session'), fc.constant(undefined), printable(60).map((value) => `sw_session=${value}`)),
  authorization: fc.oneof(fc.constant('provider'), fc.constant('kiosk'), fc.constant(undefined), printable(60).map((value) => `Bearer ${value}`)),
  forwardedFor: fc.option(printable(40), { nil: undefined }),
  body,
});

describe('random input at every route', () => {
  it('answers below 500, refuses with a JSON error from the contract, and writes nothing', { timeout: 300_000 }, async () => {
    const before = await snapshot();
    await fc.assert(
      fc.asyncProperty(request, async (input) => {
        let index = 0;
        const path = input.route.path.replace(/:[A-Za-z]+/g, () => encodeURIComponent(input.params[index++] ?? ''));
        const query = new URLSearchParams(input.query).toString();
        const headers: Record<string, string> = {};
        if (input.contentType) headers['content-type'] = input.contentType;
        // Logging out with the real session would end it, and asking for an account-deletion code sends one:
        // the writes a request may make on purpose whatever else it carries.
        const realSession = input.cookie === 'session' && input.route.path !== endpoints.logout.path && input.route.path !== endpoints.requestDeletionCode.path;
        if (input.cookie) headers.cookie = realSession ? session : input.cookie === 'session' ? 'sw_session=forged' : input.cookie;
        const realKeys: Record<string, string> = { provider: providerKey, kiosk: kioskToken };
        if (input.authorization) headers.authorization = realKeys[input.authorization] ? `Bearer ${realKeys[input.authorization]}` : input.authorization;
        if (input.forwardedFor !== undefined) headers['x-forwarded-for'] = input.forwardedFor;
        const sendsBody = input.route.method !== 'GET' && input.body !== undefined;
        const response = await fetch(`${server.url}/api${path}${query ? `?${query}` : ''}`, {
          method: input.route.method,
          headers,
          ...(sendsBody ? { body: input.body } : {}),
        });
        const text = await response.text();
        expect(response.status, `${input.route.method} ${path}: ${text}`).toBeLessThan(500);
        if (response.status >= 400) {
          expect(response.headers.get('content-type') ?? '').toMatch(/^application\/json/);
          const code = errorBody.parse(JSON.parse(text)).error.code;
          expect(errorCodes).toContain(code);
        }
      }),
      { numRuns: 600 },
    );
    expect(await snapshot()).toBe(before);
  });
});
