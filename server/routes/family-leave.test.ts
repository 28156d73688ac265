/** A dependant removes a guardian from her account (issue 22) over real HTTP: what he loses, and who else cannot. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endpoints } from '../../core/contract/endpoints.ts';
import { ecdsa } from '../../core/crypto/signed-token.ts';
import { demoDependant, expectApiError, linkDependant, loginCookie, postJson } from '../../testing/server/test-client.ts';
import { startTestServer } from '../../testing/server/test-server.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
/** 张*三 links 张*婆, who removes him; 李*海 is anyone else. */
let asGuardian = '';
let asDependant = '';
let asOther = '';
let publicKey: { kty: 'EC'; crv: 'P-256'; x: string; y: string };

beforeAll(async () => {
  server = await startTestServer();
  asGuardian = await loginCookie(server.url, '13800000001');
  asDependant = await loginCookie(server.url, '13800000006');
  asOther = await loginCookie(server.url, '13800000002');
  const device = await crypto.subtle.generateKey(ecdsa, false, ['sign', 'verify']);
  const jwk = await crypto.subtle.exportKey('jwk', device.publicKey);
  publicKey = { kty: 'EC', crv: 'P-256', x: jwk.x ?? '', y: jwk.y ?? '' };
});
afterAll(() => server.close());

const get = (path: string, cookie: string) => fetch(`${server.url}/api${path}`, { headers: { cookie } });
const remove = (guardianId: string, cookie: string, headers: Record<string, string> = {}) =>
  fetch(`${server.url}/api/family/guardians/${guardianId}`, { method: 'DELETE', headers: { cookie, ...headers } });
const guardians = async (cookie: string) => endpoints.myGuardians.response.parse(await (await get('/family/guardians', cookie)).json()).guardians;
const dependantsOf = async (cookie: string) => endpoints.me.response.parse(await (await get('/me', cookie)).json()).dependants.map((d) => d.id);
const credentialFor = (subject: string, cookie: string) => postJson(server.url, '/credential', { publicKey, subject }, cookie);
const changes = () =>
  server.query<{ guardian_id: string; change: string }>('SELECT guardian_id, change FROM family_link_events WHERE citizen_id = ? ORDER BY at, change', demoDependant.id);

describe('谁可以出示我的码: a dependant removes a guardian', () => {
  it('lists the guardian who linked her, masked, with since when', async () => {
    expect(await guardians(asDependant)).toEqual([]);
    await linkDependant(server.url, asGuardian, demoDependant.name, demoDependant.idNumber);
    expect(await guardians(asDependant)).toEqual([{ id: 'demo-a', maskedName: '张*三', maskedPhone: '138****0001', linkedAt: expect.any(String) as string }]);
    // The list is hers alone: nobody else sees who holds her code.
    expect(await guardians(asOther)).toEqual([]);
    expect((await credentialFor(demoDependant.id, asGuardian)).status).toBe(200);
  });

  it('lets no one else remove her guardian: another citizen gets 404 and the link stays', async () => {
    await expectApiError(await remove('demo-a', asOther), 404, 'not_found');
    await expectApiError(await remove('not a citizen id!', asDependant), 404, 'not_found');
    // A guardian she never had is no link of hers.
    await expectApiError(await remove('demo-b', asDependant), 404, 'not_found');
    expect(await dependantsOf(asGuardian)).toEqual([demoDependant.id]);
  });

  it('refuses a removal sent from another site, like every state-changing route', async () => {
    await expectApiError(await remove('demo-a', asDependant, { origin: 'https://evil.example' }), 403, 'forbidden');
    expect(await dependantsOf(asGuardian)).toEqual([demoDependant.id]);
  });

  it('removes him: his household, her records and her credential are closed to him, and the change is recorded', async () => {
    const response = await remove('demo-a', asDependant, { origin: server.url });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
    expect(await guardians(asDependant)).toEqual([]);
    expect(await dependantsOf(asGuardian)).toEqual([]);
    await expectApiError(await get(`/citizens/${demoDependant.id}/pcr-tests`, asGuardian), 404, 'not_found');
    await expectApiError(await credentialFor(demoDependant.id, asGuardian), 404, 'not_found');
    // His own code is untouched.
    expect((await postJson(server.url, '/credential', { publicKey }, asGuardian)).status).toBe(200);
    expect(await changes()).toEqual([
      { guardian_id: 'demo-a', change: 'linked' },
      { guardian_id: 'demo-a', change: 'left' },
    ]);
  });

  it('is idempotent: removing him again answers the same and records nothing more', async () => {
    expect((await remove('demo-a', asDependant)).status).toBe(200);
    expect(await changes()).toHaveLength(2);
    // Once gone, he cannot unlink her either: there is nothing left to unlink.
    expect((await fetch(`${server.url}/api/family/links/${demoDependant.id}`, { method: 'DELETE', headers: { cookie: asGuardian } })).status).toBe(404);
  });

  it('records a guardian unlinking her too, and she may still "remove" him after, as it is already done', async () => {
    await linkDependant(server.url, asGuardian, demoDependant.name, demoDependant.idNumber);
    expect((await fetch(`${server.url}/api/family/links/${demoDependant.id}`, { method: 'DELETE', headers: { cookie: asGuardian } })).status).toBe(200);
    expect((await changes()).map((row) => row.change)).toEqual(['linked', 'left', 'linked', 'unlinked']);
    expect((await remove('demo-a', asDependant)).status).toBe(200);
  });

  it('needs a session', async () => {
    await expectApiError(await fetch(`${server.url}/api/family/guardians`), 401, 'unauthenticated');
    await expectApiError(await fetch(`${server.url}/api/family/guardians/demo-a`, { method: 'DELETE' }), 401, 'unauthenticated');
  });
});
