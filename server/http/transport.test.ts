/**
 * Issue 22: behind TLS the session cookie was not Secure and there was no HSTS, because Node behind a proxy
 * only ever sees http. Over real HTTP to real servers: Secure outside localhost, HSTS when the request is
 * known to have come over HTTPS (the public origin, or a trusted proxy's X-Forwarded-Proto), neither on a
 * developer's localhost.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoLoginSetCookie, demoSignInSetCookie, rawRequest } from '../../testing/server/raw-request.ts';
import { demoCityAdminPhone } from '../../testing/server/operator-client.ts';
import { startTestServer, type TestServer } from '../../testing/server/test-server.ts';

let plain: TestServer;
let proxied: TestServer;
let published: TestServer;
beforeAll(async () => {
  plain = await startTestServer();
  proxied = await startTestServer({ trustProxy: 1 });
  published = await startTestServer({ publicOrigin: 'https://ssm.example.cn' });
}, 120_000);
afterAll(async () => {
  await Promise.all([plain.close(), proxied.close(), published.close()]);
});

const phone = '13800000001';
const isSecure = (cookie: string) => /;\s*Secure/i.test(cookie);
const hsts = async (url: string, headers: Record<string, string>) => (await rawRequest(`${url}/api/health`, { headers })).headers['strict-transport-security'];

describe('the session cookie and HSTS', { timeout: 60_000 }, () => {
  it('on localhost over http: no Secure flag, no HSTS (a developer’s own machine)', async () => {
    expect(isSecure(await demoLoginSetCookie(plain.url, phone))).toBe(false);
    expect(await hsts(plain.url, {})).toBeUndefined();
    // Nobody's X-Forwarded-Proto is believed without TRUST_PROXY.
    expect(await hsts(plain.url, { 'x-forwarded-proto': 'https' })).toBeUndefined();
  });

  it('reached under any other name: Secure', async () => {
    expect(isSecure(await demoLoginSetCookie(plain.url, phone, { host: 'ssm.example.cn' }))).toBe(true);
  });

  it('behind a trusted TLS proxy: Secure and HSTS', async () => {
    const headers = { host: 'ssm.example.cn', 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.7' };
    expect(isSecure(await demoLoginSetCookie(proxied.url, phone, headers))).toBe(true);
    expect(await hsts(proxied.url, headers)).toMatch(/^max-age=31536000/);
    expect(await hsts(proxied.url, { 'x-forwarded-proto': 'http' })).toBeUndefined();
  });

  it('with an https PUBLIC_ORIGIN: Secure and HSTS, whatever the request says', async () => {
    expect(isSecure(await demoLoginSetCookie(published.url, phone))).toBe(true);
    expect(await hsts(published.url, {})).toMatch(/^max-age=31536000; includeSubDomains$/);
  });

  it('the operator’s console cookie follows the same rule: Secure behind TLS, not on localhost', async () => {
    const headers = { host: 'ssm.example.cn', 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.8' };
    expect(isSecure(await demoSignInSetCookie(published.url, demoCityAdminPhone, {}, 'operator'))).toBe(true);
    expect(isSecure(await demoSignInSetCookie(proxied.url, demoCityAdminPhone, headers, 'operator'))).toBe(true);
    expect(isSecure(await demoSignInSetCookie(plain.url, demoCityAdminPhone, {}, 'operator'))).toBe(false);
  });
});
