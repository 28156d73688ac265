/**
 * Providers' NDJSON feeds over real HTTP: keys and scopes, every kind of bad line (rejected alone, with
 * its number), idempotency, corrections with history, each scope landing where the app reads it, and a
 * 100,000-line file with bad lines scattered through it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endpoints } from '../../core/contract/endpoints.ts';
import type { FeedResult, FeedScope } from '../../core/contract/feeds.ts';
import { withCheckCharacter } from '../../testing/server/post-feed.ts';
import { expectApiError, loginCookie } from '../../testing/server/test-client.ts';
import { startTestServer, type TestServer } from '../../testing/server/test-server.ts';

let server: TestServer;
const keys = { registry: '', lab: '', authority: '', revoked: '' };

beforeAll(async () => {
  server = await startTestServer();
  keys.registry = await server.services.providers.add('registry', 'citizens,vaccinations,itinerary');
  keys.lab = await server.services.providers.add('lab', 'pcr-results,antigen-results');
  keys.authority = await server.services.providers.add('authority', 'colour-decisions');
  keys.revoked = await server.services.providers.add('old-lab', 'pcr-results');
  await server.services.providers.revoke('old-lab');
});
afterAll(() => server.close());

/** A valid ID number, distinct for each n. */
const idNumber = (n: number) => withCheckCharacter(`3101011990${String(n).padStart(7, '0')}`);

const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
const hour = 3600_000;

function post(scope: string, body: string | ReadableStream<Uint8Array>, key: string | undefined, type = 'application/x-ndjson'): Promise<Response> {
  return fetch(`${server.url}/api/feeds/${scope}`, {
    method: 'POST',
    headers: { 'content-type': type, ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body,
    // A stream body is sent as it is read, as a provider's large file would be.
    ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
  });
}

const ndjson = (lines: readonly (object | string)[]) => lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n') + '\n';

async function feed(scope: FeedScope, key: string, lines: readonly (object | string)[]): Promise<FeedResult> {
  const response = await post(scope, ndjson(lines), key);
  expect(response.status).toBe(200);
  return endpoints.postFeed.response.parse(await response.json());
}

const count = async (table: string) => (await server.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))[0]?.n;

const citizen = (n: number, extra: object = {}) => ({ externalId: `p-${n}`, idNumber: idNumber(n), name: `周${n}`, phone: `139${String(n).padStart(8, '0')}`, ...extra });
const pcr = (n: number, externalId: string, extra: object = {}) => ({
  externalId,
  idNumber: idNumber(n),
  sampledAt: ago(10 * hour),
  reportedAt: ago(2 * hour),
  result: 'negative',
  institution: '上海市第一人民医院',
  ...extra,
});

describe('keys and scopes', () => {
  it.each([
    ['no key', undefined],
    ['an unknown key', 'ssp_not-a-key'],
    ['a revoked key', 'revoked'],
  ])('refuses %s with 401 and writes nothing', async (_, key) => {
    const response = await post('pcr-results', ndjson([pcr(1, 'x')]), key === 'revoked' ? keys.revoked : key);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    await expectApiError(response, 401, 'unauthenticated');
    expect(await count('feed_records')).toBe(0);
  });

  it('refuses a scope the key was not given with 403, an unknown scope with 404, another type with 415', async () => {
    await expectApiError(await post('pcr-results', ndjson([pcr(1, 'x')]), keys.registry), 403, 'forbidden');
    await expectApiError(await post('blood-tests', ndjson([pcr(1, 'x')]), keys.lab), 404, 'not_found');
    await expectApiError(await post('pcr-results', ndjson([pcr(1, 'x')]), keys.lab, 'application/json'), 415, 'unsupported_media_type');
    expect(await count('feed_records')).toBe(0);
  });
});

describe('the citizens feed', () => {
  it('registers citizens who can then log in, links a guardian, and rejects what cannot be true', async () => {
    const result = await feed('citizens', keys.registry, [
      citizen(1),
      citizen(2),
      { externalId: 'p-3', idNumber: idNumber(3), name: '周老太', guardianIdNumber: idNumber(1) },
      citizen(4, { phone: citizen(1).phone }),
      citizen(5, { guardianIdNumber: idNumber(999) }),
      citizen(6, { idNumber: idNumber(6).slice(0, 17) + (idNumber(6).endsWith('0') ? '1' : '0') }),
    ]);
    expect(result).toEqual({
      summary: { stored: 3, updated: 0, unchanged: 0, rejected: 3 },
      rejected: [
        { line: 4, code: 'phone_taken', message: expect.any(String) as string },
        { line: 5, code: 'unknown_guardian', message: expect.any(String) as string },
        { line: 6, code: 'invalid_field', message: expect.stringContaining('idNumber') as string },
      ],
    });
    const cookie = await loginCookie(server.url, citizen(1).phone);
    const me = endpoints.me.response.parse(await (await fetch(`${server.url}/api/me`, { headers: { cookie } })).json());
    expect(me.citizen).toMatchObject({ maskedName: '周*', colour: 'green' });
    expect(me.dependants).toHaveLength(1);
  });

  it('records the link it made in her family link changes, as a link made in the app is, and once', async () => {
    const idOf = async (n: number) => (await server.query<{ id: string }>('SELECT id FROM citizens WHERE id_number = ?', idNumber(n)))[0]?.id;
    const dependant = await idOf(3);
    const changes = () => server.query<{ guardian_id: string; change: string }>('SELECT guardian_id, change FROM family_link_events WHERE citizen_id = ?', dependant);
    expect(await changes()).toEqual([{ guardian_id: await idOf(1), change: 'linked' }]);
    // The same line again (a provider's retry) links nothing new, so records nothing.
    const again = await feed('citizens', keys.registry, [{ externalId: 'p-3', idNumber: idNumber(3), name: '周老太', guardianIdNumber: idNumber(1) }]);
    expect(again.summary).toEqual({ stored: 0, updated: 0, unchanged: 1, rejected: 0 });
    expect(await changes()).toHaveLength(1);
  });

  it('takes a corrected phone number as an update and keeps the old line in history', async () => {
    const result = await feed('citizens', keys.registry, [citizen(1), citizen(2, { phone: '13700000002' })]);
    expect(result.summary).toEqual({ stored: 0, updated: 1, unchanged: 1, rejected: 0 });
    expect(await server.query('SELECT phone FROM citizens WHERE id_number = ?', idNumber(2))).toEqual([{ phone: '13700000002' }]);
    const history = await server.query<{ content: string; version: number }>("SELECT content, version FROM feed_record_history WHERE external_id = 'p-2'");
    expect(history.map((row) => [row.version, (JSON.parse(row.content) as { phone: string }).phone])).toEqual([[1, citizen(2).phone]]);
  });
});

describe('the pcr-results feed', () => {
  /** The demo citizens' seeded tests. */
  let seeded = 0;
  beforeAll(async () => {
    seeded = (await count('pcr_tests')) ?? 0;
  });
  const lines = [pcr(1, 'lab-1'), pcr(2, 'lab-2'), pcr(1, 'lab-3', { sampledAt: ago(30 * hour), reportedAt: ago(20 * hour) })];

  it('stores results that the citizen then reads, and the same file again changes nothing', async () => {
    expect((await feed('pcr-results', keys.lab, lines)).summary).toEqual({ stored: 3, updated: 0, unchanged: 0, rejected: 0 });
    const before = await server.query('SELECT * FROM pcr_tests ORDER BY id');
    expect((await feed('pcr-results', keys.lab, lines)).summary).toEqual({ stored: 0, updated: 0, unchanged: 3, rejected: 0 });
    // Spacing and key order are not content.
    const reordered = Object.fromEntries(Object.entries(lines[0] ?? {}).reverse());
    expect((await feed('pcr-results', keys.lab, [`  ${JSON.stringify(reordered)}  `])).summary.unchanged).toBe(1);
    expect(await server.query('SELECT * FROM pcr_tests ORDER BY id')).toEqual(before);

    const cookie = await loginCookie(server.url, citizen(1).phone);
    const me = endpoints.me.response.parse(await (await fetch(`${server.url}/api/me`, { headers: { cookie } })).json());
    const tests = endpoints.pcrTests.response.parse(await (await fetch(`${server.url}/api/citizens/${me.citizen.id}/pcr-tests`, { headers: { cookie } })).json());
    expect(tests.pcrTests.map((test) => test.institution)).toEqual(['上海市第一人民医院', '上海市第一人民医院']);
  });

  it('takes new content under a known externalId as a correction, the old version kept', async () => {
    const corrected = pcr(1, 'lab-3', { sampledAt: ago(30 * hour), reportedAt: ago(20 * hour), institution: '上海市第六人民医院' });
    expect((await feed('pcr-results', keys.lab, [corrected])).summary).toEqual({ stored: 0, updated: 1, unchanged: 0, rejected: 0 });
    expect(await server.query("SELECT institution FROM pcr_tests WHERE institution = '上海市第六人民医院'")).toHaveLength(1);
    expect(await count('pcr_tests')).toBe(seeded + 3);
    const history = await server.query<{ content: string }>("SELECT content FROM feed_record_history WHERE external_id = 'lab-3'");
    expect(history.map((row) => (JSON.parse(row.content) as { institution: string }).institution)).toEqual(['上海市第一人民医院']);
  });

  it('moves a record to the right person when a correction changes the ID number', async () => {
    expect((await feed('pcr-results', keys.lab, [pcr(2, 'lab-1')])).summary.updated).toBe(1);
    expect(await count('pcr_tests')).toBe(seeded + 3);
    const owners = await server.query<{ id_number: string }>("SELECT c.id_number FROM pcr_tests t JOIN citizens c ON c.id = t.citizen_id JOIN feed_records f ON f.record_id = t.id WHERE f.external_id = 'lab-1'");
    expect(owners).toEqual([{ id_number: idNumber(2) }]);
  });

  it('rejects each bad line with its number and code, and stores the rest', async () => {
    const result = await feed('pcr-results', keys.lab, [
      pcr(1, 'ok-1'),
      '{"externalId": "broken",',
      '',
      pcr(1, 'bad-result', { result: 'maybe' }),
      pcr(1, 'future', { reportedAt: new Date(Date.now() + 2 * hour).toISOString() }),
      pcr(1, 'backwards', { sampledAt: ago(hour), reportedAt: ago(2 * hour) }),
      pcr(777, 'nobody'),
      pcr(1, 'long', { institution: '院'.repeat(100) }),
      JSON.stringify(pcr(1, 'too-long')) + ' '.repeat(9000),
      '[1, 2]',
      pcr(2, 'ok-2'),
    ]);
    expect(result.summary).toEqual({ stored: 2, updated: 0, unchanged: 0, rejected: 8 });
    expect(result.rejected.map(({ line, code }) => [line, code])).toEqual([
      [2, 'malformed_json'],
      [4, 'invalid_field'],
      [5, 'future_date'],
      [6, 'invalid_field'],
      [7, 'unknown_citizen'],
      [8, 'invalid_field'],
      [9, 'line_too_long'],
      [10, 'invalid_field'],
    ]);
    expect(await server.query("SELECT external_id FROM feed_records WHERE external_id IN ('ok-1', 'ok-2', 'nobody', 'future') ORDER BY external_id")).toEqual([
      { external_id: 'ok-1' },
      { external_id: 'ok-2' },
    ]);
  });

  it('reads lines split across the chunks of a streamed body', async () => {
    const text = ndjson([pcr(1, 'stream-1'), pcr(2, 'stream-2'), '{not json}', pcr(1, 'stream-3')]);
    const bytes = new TextEncoder().encode(text);
    let at = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (at >= bytes.length) controller.close();
        else controller.enqueue(bytes.slice(at, (at += 7)));
      },
    });
    const response = await post('pcr-results', body, keys.lab);
    const result = endpoints.postFeed.response.parse(await response.json());
    expect(result.summary).toEqual({ stored: 3, updated: 0, unchanged: 0, rejected: 1 });
    expect(result.rejected[0]?.line).toBe(3);
  });
});

describe('the other record feeds', () => {
  it('lands antigen results, vaccinations and itinerary where the app reads them', async () => {
    expect((await feed('antigen-results', keys.lab, [{ externalId: 'ag-1', idNumber: idNumber(2), testedAt: ago(hour), result: 'negative', institution: '徐汇区核酸检测点' }])).summary.stored).toBe(1);
    expect((await feed('vaccinations', keys.registry, [{ externalId: 'v-1', idNumber: idNumber(2), dose: 1, vaccinatedAt: '2021-06-01', product: '北京科兴中维', institution: '徐汇区接种点' }])).summary.stored).toBe(1);
    expect((await feed('itinerary', keys.registry, [{ externalId: 'i-1', idNumber: idNumber(2), city: '苏州市', arrivedAt: '2022-04-01T23:30:00Z', risk: true }])).summary.stored).toBe(1);
    const rejected = await feed('vaccinations', keys.registry, [{ externalId: 'v-2', idNumber: idNumber(2), dose: 2, vaccinatedAt: '2999-01-01', product: 'x', institution: 'y' }]);
    expect(rejected.rejected.map((r) => r.code)).toEqual(['future_date']);

    const cookie = await loginCookie(server.url, '13700000002');
    const id = endpoints.me.response.parse(await (await fetch(`${server.url}/api/me`, { headers: { cookie } })).json()).citizen.id;
    const read = async (path: string) => (await fetch(`${server.url}/api/citizens/${id}/${path}`, { headers: { cookie } })).json() as Promise<unknown>;
    expect(endpoints.antigenTests.response.parse(await read('antigen-tests')).antigenTests).toEqual([
      { id: expect.any(String) as string, testedAt: expect.any(String) as string, result: 'negative', kit: '徐汇区核酸检测点', lot: '', trust: 'institution' },
    ]);
    expect(endpoints.vaccinations.response.parse(await read('vaccinations')).vaccinations).toMatchObject([{ dose: 1, date: '2021-06-01', manufacturer: '北京科兴中维', site: '徐汇区接种点' }]);
    // Arrived 23:30 UTC on 1 April: already 2 April in Shanghai.
    expect(endpoints.itinerary.response.parse(await read('itinerary')).stops).toMatchObject([{ city: '苏州市', date: '2022-04-02', risk: true }]);
  });
});

describe('a large file', () => {
  it('stores 100,000 lines with bad ones scattered through them, and again finds them all unchanged', async () => {
    const people = 200;
    expect((await feed('citizens', keys.registry, Array.from({ length: people }, (_, i) => citizen(10_000 + i)))).summary.stored).toBe(people);
    const total = 100_000;
    const bad = new Set<number>();
    for (let line = 1; line <= total; line++) if (line % 997 === 0) bad.add(line);
    const sampledAt = ago(10 * hour);
    const reportedAt = ago(hour);
    const lines = Array.from({ length: total }, (_, i) =>
      bad.has(i + 1)
        ? '{"externalId": "big-bad"'
        : `{"externalId":"big-${i}","idNumber":"${idNumber(10_000 + (i % people))}","sampledAt":"${sampledAt}","reportedAt":"${reportedAt}","result":"negative","institution":"方舱检测点"}`,
    );
    const before = await count('pcr_tests');
    const first = await feed('pcr-results', keys.lab, lines);
    expect(first.summary).toEqual({ stored: total - bad.size, updated: 0, unchanged: 0, rejected: bad.size });
    expect(first.rejected.map((r) => r.line)).toEqual([...bad]);
    expect(await count('pcr_tests')).toBe((before ?? 0) + total - bad.size);
    const again = await feed('pcr-results', keys.lab, lines);
    expect(again.summary).toEqual({ stored: 0, updated: 0, unchanged: total - bad.size, rejected: bad.size });
  }, 180_000);
});
