/** 亲友码 linking over real HTTP: the verification step, what linking grants, and what it never grants. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBody } from '../../core/contract/common.ts';
import { endpoints } from '../../core/contract/endpoints.ts';
import { demoDependant, linkDependant, loginCookie, postJson } from '../../testing/server/test-client.ts';
import { startTestServer } from '../../testing/server/test-server.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let asA = '';
let asB = '';

beforeAll(async () => {
  server = await startTestServer();
  asA = await loginCookie(server.url, '13800000001');
  asB = await loginCookie(server.url, '13800000002');
});
afterAll(() => server.close());

const get = (path: string, cookie: string) => fetch(`${server.url}/api${path}`, { headers: { cookie } });
const me = async (cookie: string) => endpoints.me.response.parse(await (await get('/me', cookie)).json());
const errorCode = async (response: Response) => errorBody.parse(await response.json()).error.code;

describe('linking a dependant', () => {
  it('starts with no dependant linked and no access to her records', async () => {
    expect((await me(asA)).dependants).toEqual([]);
    expect((await get('/citizens/demo-f/pcr-tests', asA)).status).toBe(404);
  });

  it('answers a name that does not match the ID number as "sent", without a code, and links nothing with any code', async () => {
    const response = await postJson(server.url, '/family/code', { name: '张三', idNumber: demoDependant.idNumber }, asA);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ sent: true, expiresInSeconds: 300 });
    const link = await postJson(server.url, '/family/links', { name: '张三', idNumber: demoDependant.idNumber, code: '123456' }, asA);
    expect(link.status).toBe(401);
    expect(await errorCode(link)).toBe('otp_invalid');
  });

  it('refuses an ID number with a wrong check character as invalid input', async () => {
    const response = await postJson(server.url, '/family/code', { name: demoDependant.name, idNumber: '310101194206064567' }, asA);
    expect(response.status).toBe(400);
    expect(await errorCode(response)).toBe('invalid_body');
  });

  it('sends no code for linking oneself', async () => {
    const response = await postJson(server.url, '/family/code', { name: '张小三', idNumber: '310101199001011234' }, asA);
    expect(await response.json()).toEqual({ sent: true, expiresInSeconds: 300 });
  });

  it('refuses a wrong verification code and links nothing', async () => {
    const sent = endpoints.requestFamilyCode.response.parse(
      await (await postJson(server.url, '/family/code', { name: demoDependant.name, idNumber: demoDependant.idNumber }, asA)).json(),
    );
    expect(sent.demoCode).toMatch(/^\d{6}$/);
    const wrong = sent.demoCode === '000000' ? '111111' : '000000';
    const response = await postJson(server.url, '/family/links', { ...demoDependant, code: wrong }, asA);
    expect(response.status).toBe(401);
    expect((await me(asA)).dependants).toEqual([]);
  });

  it('links with the right code, lists her masked, and opens her records to the guardian only', async () => {
    const profile = await linkDependant(server.url, asA, demoDependant.name, demoDependant.idNumber);
    expect(profile).toMatchObject({ id: 'demo-f', maskedName: '张*婆' });
    expect((await me(asA)).dependants.map((d) => d.id)).toEqual(['demo-f']);
    expect((await get('/citizens/demo-f/pcr-tests', asA)).status).toBe(200);
    expect((await get('/citizens/demo-f/pcr-tests', asB)).status).toBe(404);
  });

  it('is idempotent: linking again keeps one link', async () => {
    await linkDependant(server.url, asA, demoDependant.name, demoDependant.idNumber);
    expect((await me(asA)).dependants).toHaveLength(1);
  });

  it('unlinks, after which her records are closed again', async () => {
    const response = await fetch(`${server.url}/api/family/links/demo-f`, { method: 'DELETE', headers: { cookie: asA } });
    expect(response.status).toBe(200);
    expect((await me(asA)).dependants).toEqual([]);
    expect((await get('/citizens/demo-f/pcr-tests', asA)).status).toBe(404);
    const again = await fetch(`${server.url}/api/family/links/demo-f`, { method: 'DELETE', headers: { cookie: asA } });
    expect(again.status).toBe(404);
  });

  it('needs a session', async () => {
    const response = await postJson(server.url, '/family/code', { name: demoDependant.name, idNumber: demoDependant.idNumber });
    expect(response.status).toBe(401);
  });
});
