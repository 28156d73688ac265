/** Credential issuance over real HTTP: who may ask, the binding to the device key, bad bodies. */
import type { CryptoKeyPair } from '../../core/crypto/web-crypto.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endpoints } from '../../core/contract/endpoints.ts';
import { base64urlToBytes } from '../../core/crypto/base64url.ts';
import { presentCompactCode } from '../../core/crypto/compact-code.ts';
import { credentialClaims } from '../../core/crypto/health-code.ts';
import { presentCode } from '../../core/crypto/live-code.ts';
import { readHealthCode } from '../../core/crypto/read-health-code.ts';
import { ecdsa, verifyToken } from '../../core/crypto/signed-token.ts';
import { demoDependant, expectApiError, linkDependant, loginCookie, signingKeyLookup } from '../../testing/server/test-client.ts';
import { startTestServer } from '../../testing/server/test-server.ts';

type TestServer = Awaited<ReturnType<typeof startTestServer>>;
let server: TestServer;
let asA = '';
let asB = '';
let device: CryptoKeyPair;
let publicKey: { kty: 'EC'; crv: 'P-256'; x: string; y: string };

beforeAll(async () => {
  server = await startTestServer();
  asA = await loginCookie(server.url, '13800000001');
  asB = await loginCookie(server.url, '13800000002');
  device = await crypto.subtle.generateKey(ecdsa, false, ['sign', 'verify']);
  const jwk = await crypto.subtle.exportKey('jwk', device.publicKey);
  publicKey = { kty: 'EC', crv: 'P-256', x: jwk.x ?? '', y: jwk.y ?? '' };
});

afterAll(async () => {
  await server.close();
});

function post(body: string, cookie?: string, type = 'application/json'): Promise<Response> {
  return fetch(`${server.url}/api/credential`, { method: 'POST', headers: { 'content-type': type, ...(cookie ? { cookie } : {}) }, body });
}

describe('POST /api/credential', () => {
  it('issues a credential for the logged-in citizen, signed by the published key and bound to the device', async () => {
    const before = Date.now();
    const response = await post(JSON.stringify({ publicKey }), asA);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const issued = endpoints.credential.response.parse(await response.json());
    const verified = await verifyToken(issued.credential, await signingKeyLookup(server.url));
    expect(verified.ok).toBe(true);
    const claims = credentialClaims.parse(verified.ok ? verified.payload : null);
    expect(claims).toMatchObject({ t: 'cred', s: 'demo-a', n: '张*三', c: 'green', d: 3 });
    expect(claims.p?.[0]).toBe('n');
    expect(claims.a?.[0]).toBe('n');
    // Seeded 20 h and 3 h ago: the antigen leaves the 24 h window first, 21 h from now.
    expect(claims.exp * 1000 - before).toBeGreaterThan(20.9 * 3_600_000);
    expect(claims.exp * 1000 - before).toBeLessThan(21.1 * 3_600_000);
    expect(Date.parse(issued.expiresAt)).toBe(claims.exp * 1000);
    const raw = base64urlToBytes(claims.k);
    expect(raw?.[0]).toBe(4);
    expect(raw?.slice(1, 33)).toEqual(base64urlToBytes(publicKey.x));

    // The device holding the key can present it; the verifier reads it back.
    const code = await presentCode(issued.credential, device.privateKey, Date.now());
    expect(await readHealthCode(code, await signingKeyLookup(server.url), Date.now())).toMatchObject({ ok: true, claims: { s: 'demo-a' } });

    // The compact form carries the very same claims, signed over its own bytes by the same key.
    const compact = await presentCompactCode(issued.compact ?? '', device.privateKey, Date.now());
    expect(compact.startsWith('SSM2:')).toBe(true);
    expect(await readHealthCode(compact, await signingKeyLookup(server.url), Date.now())).toEqual({ ok: true, kind: 'live', claims, signedAt: expect.any(Number) as number });
  });

  it('gives citizen (b) a credential with the PCR of 60 h ago', async () => {
    const issued = endpoints.credential.response.parse(await (await post(JSON.stringify({ publicKey }), asB)).json());
    const verified = await verifyToken(issued.credential, await signingKeyLookup(server.url));
    const claims = credentialClaims.parse(verified.ok ? verified.payload : null);
    expect(claims.s).toBe('demo-b');
    expect(Date.now() / 1000 - (claims.p?.[1] ?? 0)).toBeGreaterThan(59.9 * 3600);
  });

  it('issues a linked dependant’s credential to her guardian, and nobody else’s', async () => {
    const body = (subject: string) => JSON.stringify({ publicKey, subject });
    await expectApiError(await post(body('demo-f'), asA), 404, 'not_found');
    await linkDependant(server.url, asA, demoDependant.name, demoDependant.idNumber);
    const issued = endpoints.credential.response.parse(await (await post(body('demo-f'), asA)).json());
    const verified = await verifyToken(issued.credential, await signingKeyLookup(server.url));
    expect(credentialClaims.parse(verified.ok ? verified.payload : null)).toMatchObject({ s: 'demo-f', n: '张*婆' });
    await expectApiError(await post(body('demo-f'), asB), 404, 'not_found');
    await expectApiError(await post(body('demo-zz'), asA), 404, 'not_found');
    await expectApiError(await post(body('Not An Id'), asA), 400, 'invalid_body');
  });

  it('refuses without a session', async () => {
    await expectApiError(await post(JSON.stringify({ publicKey })), 401, 'unauthenticated');
  });

  it('refuses bad bodies with 4xx JSON, never 500', async () => {
    await expectApiError(await post('{', asA), 400, 'bad_json');
    await expectApiError(await post(JSON.stringify({ publicKey }), asA, 'text/plain'), 415, 'unsupported_media_type');
    await expectApiError(await post(JSON.stringify({}), asA), 400, 'invalid_body');
    await expectApiError(await post(JSON.stringify({ publicKey: { ...publicKey, crv: 'P-384' } }), asA), 400, 'invalid_body');
    await expectApiError(await post(JSON.stringify({ publicKey: { ...publicKey, x: 'A'.repeat(43) } }), asA), 400, 'invalid_body');
    await expectApiError(await post(JSON.stringify({ publicKey: { ...publicKey, y: publicKey.x } }), asA), 400, 'invalid_body');
    await expectApiError(await post(JSON.stringify({ publicKey: { ...publicKey, x: `${publicKey.x.slice(0, 42)}!` } }), asA), 400, 'invalid_body');
  });
});
