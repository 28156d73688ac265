/**
 * Login codes delivered through the SMS webhook (services/code-sender.ts), against a real local HTTP
 * receiver that checks each signature: delivery, a gateway that fails, one that never answers, one that
 * cannot be reached, and a production server that has no way to send codes at all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endpoints } from '../../core/contract/endpoints.ts';
import { configFromEnv } from '../config.ts';
import { missingSenderMessage } from '../services/code-sender.ts';
import { expectApiError, postJson } from '../../testing/server/test-client.ts';
import { runFailingServer } from '../../testing/server/server-process.ts';
import { startSmsReceiver, type SmsReceiver } from '../../testing/server/sms-receiver.ts';
import { startTestServer, type TestServer } from '../../testing/server/test-server.ts';

const guardian = { id: 'real-g', phone: '13912340001', name: '周大', idNumber: '310101198001011111' };
const dependant = { id: 'real-d', phone: '13912340002', name: '周婆婆', idNumber: '110101194001010012' };
/** Each case asks for a code on its own phone, since a phone gets one code per half minute. */
const phones = ['13912340003', '13912340004', '13912340005', '13912340006'] as const;

let sms: SmsReceiver;
let server: TestServer;

beforeAll(async () => {
  // A short timeout, so the case of a gateway that never answers takes a moment, not five seconds.
  sms = await startSmsReceiver(400);
  server = await startTestServer({ demo: false, smsWebhook: sms.webhook });
  for (const [index, citizen] of [guardian, dependant, ...phones.map((phone, i) => ({ id: `real-${i}`, phone, name: '周某', idNumber: '' }))].entries()) {
    await server.storage.citizens.upsert({
      ...citizen,
      idNumber: citizen.idNumber || `31010119900101${String(1000 + index)}`,
      colour: 'green',
      colourSince: new Date().toISOString(),
      guardianId: null,
    });
  }
});
afterAll(async () => {
  await server.close();
  await sms.close();
});

async function login(phone: string, code: string): Promise<Response> {
  return postJson(server.url, '/auth/login', { phone, code });
}

const storedCodes = async (phone: string) => (await server.query<{ phone: string }>('SELECT phone FROM otp_codes WHERE phone = ?', phone)).length;

describe('with an SMS webhook', () => {
  it('posts the code as signed JSON, and the code the gateway got logs the citizen in', async () => {
    sms.mode = 'accept';
    const response = await postJson(server.url, '/auth/otp', { phone: guardian.phone });
    expect(response.status).toBe(200);
    const body = endpoints.requestOtp.response.parse(await response.json());
    expect(body.demoCode).toBeUndefined();
    expect(sms.badSignatures).toBe(0);
    expect(sms.received.at(-1)).toEqual({ phone: guardian.phone, code: expect.stringMatching(/^\d{6}$/) as string, expiresInSeconds: 300, purpose: 'login' });
    const loggedIn = await login(guardian.phone, sms.lastCode(guardian.phone));
    expect(loggedIn.status).toBe(200);
    expect(endpoints.login.response.parse(await loggedIn.json()).citizen.id).toBe(guardian.id);
  });

  it('sends a family-link code to the dependant’s phone with purpose family-link', async () => {
    sms.mode = 'accept';
    await postJson(server.url, '/auth/otp', { phone: phones[3] });
    const cookie = (await login(phones[3], sms.lastCode(phones[3]))).headers.getSetCookie()[0]?.split(';')[0] ?? '';
    const response = await postJson(server.url, '/family/code', { name: dependant.name, idNumber: dependant.idNumber }, cookie);
    expect(response.status).toBe(200);
    expect(sms.received.at(-1)).toMatchObject({ phone: dependant.phone, purpose: 'family-link' });
    const linked = await postJson(server.url, '/family/links', { name: dependant.name, idNumber: dependant.idNumber, code: sms.lastCode(dependant.phone) }, cookie);
    expect(linked.status).toBe(200);
  });

  it('answers sms_failed when the gateway refuses, and the code it saw does not work', async () => {
    sms.mode = 'fail';
    const phone = phones[0];
    await expectApiError(await postJson(server.url, '/auth/otp', { phone }), 502, 'sms_failed');
    expect(sms.received.at(-1)?.phone).toBe(phone);
    expect(await storedCodes(phone)).toBe(0);
    await expectApiError(await login(phone, sms.lastCode(phone)), 401, 'otp_invalid');
    // Nothing was delivered, so asking again at once is allowed, and works once the gateway is back.
    sms.mode = 'accept';
    expect((await postJson(server.url, '/auth/otp', { phone })).status).toBe(200);
    expect((await login(phone, sms.lastCode(phone))).status).toBe(200);
  });

  it('answers sms_failed when the gateway does not answer in time, leaving no code', async () => {
    sms.mode = 'hang';
    const phone = phones[1];
    const started = Date.now();
    await expectApiError(await postJson(server.url, '/auth/otp', { phone }), 502, 'sms_failed');
    expect(Date.now() - started).toBeLessThan(3000);
    expect(await storedCodes(phone)).toBe(0);
    sms.mode = 'accept';
  });

  it('answers sms_failed when the gateway cannot be reached, or refuses the signature', async () => {
    const unreachable = await server.startNode({ smsWebhook: { url: 'http://127.0.0.1:9/sms', secret: sms.webhook.secret } });
    await expectApiError(await postJson(unreachable.url, '/auth/otp', { phone: phones[2] }), 502, 'sms_failed');
    expect(await storedCodes(phones[2])).toBe(0);

    const wrongSecret = await server.startNode({ smsWebhook: { ...sms.webhook, secret: 'not-the-shared-secret' } });
    const before = sms.badSignatures;
    await expectApiError(await postJson(wrongSecret.url, '/auth/otp', { phone: phones[2] }), 502, 'sms_failed');
    expect(sms.badSignatures).toBe(before + 1);
    expect(await storedCodes(phones[2])).toBe(0);
  });
});

describe('a production server with no way to send codes', () => {
  it('is refused by the configuration, which says what to set', () => {
    expect(() => configFromEnv({ DEMO: 'false' })).toThrow(/SMS_WEBHOOK_URL.*SMS_WEBHOOK_SECRET/);
    expect(() => configFromEnv({ DEMO: 'false', SMS_WEBHOOK_URL: 'http://gw.example/sms' })).toThrow(/SMS_WEBHOOK_SECRET/);
    expect(() => configFromEnv({ DEMO: 'false', SMS_WEBHOOK_URL: 'ftp://gw', SMS_WEBHOOK_SECRET: 'x'.repeat(16) })).toThrow(/SMS_WEBHOOK_URL/);
    expect(configFromEnv({ DEMO: 'false', SMS_WEBHOOK_URL: 'https://gw.example/sms', SMS_WEBHOOK_SECRET: 'x'.repeat(16) }).smsWebhook).toEqual({
      url: 'https://gw.example/sms',
      secret: 'x'.repeat(16),
    });
  });

  it('does not start when asked directly', async () => {
    await expect(server.startNode({ demo: false, smsWebhook: undefined })).rejects.toThrow(missingSenderMessage);
  });

  it('exits at once from `npm run serve` with the message', async () => {
    const { code, stderr } = await runFailingServer(
      { engine: 'sqlite', dataDir: '/nonexistent/never-made' },
      { DEMO: 'false', SMS_WEBHOOK_URL: '', SMS_WEBHOOK_SECRET: '' },
    );
    expect(code).toBe(1);
    expect(stderr).toContain('SMS_WEBHOOK_URL');
    expect(stderr).not.toMatch(/\n\s+at /);
  }, 30_000);
});
