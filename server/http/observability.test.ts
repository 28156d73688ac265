/**
 * GET /metrics and the access log over real HTTP: the counters move with the requests, feed lines, sync
 * items and database statements they count, routes are named by pattern, /metrics is refused off this
 * machine or without the token, and no log line holds a phone number, ID number or name.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginCookie, postJson } from '../../testing/server/test-client.ts';
import { sample } from '../../testing/server/metrics-text.ts';
import { postFeed, testIdNumber } from '../../testing/server/post-feed.ts';
import { startTestServer, type TestServer } from '../../testing/server/test-server.ts';

const metricsOf = async (url: string, headers: Record<string, string> = {}) => (await fetch(`${url}/metrics`, { headers })).text();

describe('metrics and access log', () => {
  let server: TestServer;
  const lines: string[] = [];
  beforeAll(async () => {
    server = await startTestServer({ logDestination: { write: (line: string) => void lines.push(line) } });
  });
  afterAll(() => server.close());

  it('counts requests by route pattern, feed lines, sync items and statements', async () => {
    const before = await metricsOf(server.url);
    const key = await server.services.providers.add('lab', 'citizens,pcr-results');
    const person = { externalId: 'm-1', idNumber: testIdNumber(1, '19770303'), name: '钱七七', phone: '13912345678' };
    await postFeed(server.url, 'citizens', key, [person, { externalId: 'm-2', idNumber: 'nonsense' }]);
    const cookie = await loginCookie(server.url, '13800000001');
    await postJson(server.url, '/sync/batch', { items: [{ id: randomUUID(), kind: 'teleport', payload: {} }] }, cookie);
    await fetch(`${server.url}/api/venues/12345678`, { headers: { cookie } });
    const after = await metricsOf(server.url);

    const feedRoute = { method: 'POST', route: '/api/feeds/:scope', status: '200' };
    expect(sample(after, 'http_requests_total', feedRoute) - sample(before, 'http_requests_total', feedRoute)).toBe(1);
    expect(sample(after, 'http_request_duration_seconds_count', { route: '/api/feeds/:scope' })).toBe(1);
    expect(after).not.toContain('/api/venues/12345678');
    expect(sample(after, 'feed_lines_total', { scope: 'citizens', outcome: 'stored' })).toBe(1);
    expect(sample(after, 'feed_lines_total', { scope: 'citizens', outcome: 'rejected' })).toBe(1);
    expect(sample(after, 'sync_items_total', { kind: 'teleport', outcome: 'rejected' })).toBe(1);
    expect(sample(after, 'db_query_duration_seconds_count', { failed: 'false' })).toBeGreaterThan(sample(before, 'db_query_duration_seconds_count', { failed: 'false' }));
    expect(after).toMatch(/db_pool_connections\{state="in_use"\} \d/);
    expect(sample(after, 'http_requests_total', { route: '/metrics', status: '200' })).toBe(1);
  });

  it('writes one JSON line a request, with its id and route and no personal data', async () => {
    const response = await fetch(`${server.url}/api/health`, { headers: { 'x-request-id': 'trace-0001-abcd' } });
    expect(response.headers.get('x-request-id')).toBe('trace-0001-abcd');
    await loginCookie(server.url, '13800000002');
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(entries.find((entry) => entry.requestId === 'trace-0001-abcd')).toMatchObject({ method: 'GET', route: '/api/health', status: 200 });
    for (const entry of entries) expect(Object.keys(entry).sort()).toEqual(['durationMs', 'level', 'method', 'msg', 'requestId', 'route', 'status', 'time']);
    const text = lines.join('');
    for (const personal of ['13912345678', '钱七七', testIdNumber(1, '19770303'), '13800000001', '13800000002', '张小三', '李四海']) expect(text).not.toContain(personal);
  });

  it('refuses /metrics through a proxy', async () => {
    expect((await fetch(`${server.url}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.9' } })).status).toBe(403);
  });
});

describe('metrics behind METRICS_TOKEN', () => {
  let server: TestServer;
  const token = 'metrics-token-0123456789';
  beforeAll(async () => {
    server = await startTestServer({ metricsToken: token });
  });
  afterAll(() => server.close());

  it('answers only with the token, even on this machine', async () => {
    expect((await fetch(`${server.url}/metrics`)).status).toBe(403);
    expect((await fetch(`${server.url}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(403);
    const response = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await response.text()).toContain('http_requests_total');
  });
});
