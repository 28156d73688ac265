/**
 * Issue 22: a state-changing request with a foreign Origin was accepted. Over real HTTP: every POST, PUT,
 * PATCH and DELETE under /api from another site is refused 403 before it reaches a route, one from the
 * app's own origin goes through, and clients that send no Origin (kiosks, providers, scripts) keep working.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginCookie } from '../../testing/server/test-client.ts';
import { rawRequest } from '../../testing/server/raw-request.ts';
import { startTestServer, type TestServer } from '../../testing/server/test-server.ts';

let server: TestServer;
let published: TestServer;
let cookie = '';
beforeAll(async () => {
  server = await startTestServer();
  published = await startTestServer({ publicOrigin: 'https://ssm.example.cn' });
  cookie = await loginCookie(server.url, '13800000001');
}, 120_000);
afterAll(async () => {
  await Promise.all([server.close(), published.close()]);
});

const host = () => new URL(server.url).host;
const send = (method: string, path: string, headers: Record<string, string>, base = server.url) =>
  rawRequest(`${base}/api${path}`, { method, headers: { cookie, 'content-type': 'application/json', ...headers }, body: method === 'DELETE' ? undefined : '{}' });

describe('the Origin check', { timeout: 60_000 }, () => {
  it('refuses every state-changing method from a foreign origin with 403, changing nothing', async () => {
    for (const [method, path] of [['POST', '/venues'], ['PUT', '/me/settings'], ['PATCH', '/me'], ['DELETE', '/family/links/demo-f'], ['POST', '/auth/logout']] as const) {
      const answer = await send(method, path, { origin: 'https://evil.example' });
      expect([method, path, answer.status]).toEqual([method, path, 403]);
      expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'forbidden' } });
    }
    expect((await send('POST', '/auth/logout', { origin: 'null' })).status).toBe(403);
    // The session survived the foreign logout.
    expect((await rawRequest(`${server.url}/api/me`, { headers: { cookie } })).status).toBe(200);
  });

  it('lets the app’s own origin, and requests without Origin, through', async () => {
    expect((await send('DELETE', '/family/links/demo-f', { origin: `http://${host()}` })).status).toBe(404);
    expect((await send('DELETE', '/family/links/demo-f', {})).status).toBe(404);
    // Reads are not checked: a foreign page cannot read the answer anyway.
    expect((await rawRequest(`${server.url}/api/health`, { headers: { origin: 'https://evil.example' } })).status).toBe(200);
  });

  it('accepts the configured PUBLIC_ORIGIN whatever Host the proxy passes on', async () => {
    const base = published.url;
    expect((await send('POST', '/auth/otp', { origin: 'https://ssm.example.cn' }, base)).status).toBe(400);
    expect((await send('POST', '/auth/otp', { origin: 'https://other.example.cn' }, base)).status).toBe(403);
  });
});
