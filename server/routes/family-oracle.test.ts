/**
 * Issue 22's family-code oracle, outside demo mode: a wrong name once answered 404 and a right one 200 with
 * the masked phone (then 429 while wrong names still said 404), so name + ID pairs could be confirmed
 * without limit. Now every answer is the same for a match and a mismatch, and a caller is limited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { familyLimits } from '../services/family.ts';
import { testIdNumber } from '../../testing/server/post-feed.ts';
import { expectApiError, postJson } from '../../testing/server/test-client.ts';
import { startSmsReceiver, type SmsReceiver } from '../../testing/server/sms-receiver.ts';
import { startTestServer, type TestServer } from '../../testing/server/test-server.ts';

let sms: SmsReceiver;
let server: TestServer;
const guardian = { id: 'oracle-g', phone: '13912346001', name: '钱一', idNumber: testIdNumber(601) };
const target = { id: 'oracle-t', phone: '13912346002', name: '钱二', idNumber: testIdNumber(602) };
const other = { id: 'oracle-o', phone: '13912346003', name: '钱三', idNumber: testIdNumber(603) };

async function sessionOf(phone: string): Promise<string> {
  expect((await postJson(server.url, '/auth/otp', { phone })).status).toBe(200);
  const response = await postJson(server.url, '/auth/login', { phone, code: sms.lastCode(phone) });
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('sw_session='));
  if (!cookie) throw new Error(`no session for ${phone}`);
  return cookie.split(';')[0] ?? '';
}

/** Status and body, the whole of what a caller learns. */
async function answer(response: Response): Promise<{ status: number; body: unknown }> {
  return { status: response.status, body: await response.json() };
}

beforeAll(async () => {
  sms = await startSmsReceiver();
  server = await startTestServer({ demo: false, smsWebhook: sms.webhook });
  for (const citizen of [guardian, target, other]) {
    await server.storage.citizens.upsert({ ...citizen, colour: 'green', colourSince: new Date().toISOString(), guardianId: null });
  }
}, 120_000);
afterAll(async () => {
  await server.close();
  await sms.close();
});

describe('POST /api/family/code and /api/family/links', { timeout: 60_000 }, () => {
  it('answer a matching pair and a wrong name alike, before and after the phone’s own limits', async () => {
    const cookie = await sessionOf(guardian.phone);
    const right = await answer(await postJson(server.url, '/family/code', { name: target.name, idNumber: target.idNumber }, cookie));
    const wrong = await answer(await postJson(server.url, '/family/code', { name: '钱四', idNumber: target.idNumber }, cookie));
    expect(right).toEqual({ status: 200, body: { sent: true, expiresInSeconds: 300 } });
    expect(wrong).toEqual(right);
    // The right pair again, within the phone's 30 s between codes: once a 429 only a match could earn.
    expect(await answer(await postJson(server.url, '/family/code', { name: target.name, idNumber: target.idNumber }, cookie))).toEqual(right);
    expect(sms.received.filter((m) => m.phone === target.phone)).toHaveLength(1);

    const wrongCodeForMatch = await answer(await postJson(server.url, '/family/links', { name: target.name, idNumber: target.idNumber, code: '000000' }, cookie));
    const anyCodeForMismatch = await answer(await postJson(server.url, '/family/links', { name: '钱四', idNumber: target.idNumber, code: '000000' }, cookie));
    expect(wrongCodeForMatch.status).toBe(401);
    expect(anyCodeForMismatch).toEqual(wrongCodeForMatch);
  });

  it('limits each caller, with the same answer for matches and mismatches once the limit is reached', async () => {
    const cookie = await sessionOf(other.phone);
    for (let i = 0; i < familyLimits.codeRequestsPerHour; i += 1) {
      const response = await postJson(server.url, '/family/code', { name: `钱${'甲乙丙丁戊己庚辛壬癸'[i] ?? '某'}`, idNumber: target.idNumber }, cookie);
      expect(response.status).toBe(200);
    }
    await expectApiError(await postJson(server.url, '/family/code', { name: '钱某', idNumber: target.idNumber }, cookie), 429, 'rate_limited');
    await expectApiError(await postJson(server.url, '/family/code', { name: target.name, idNumber: target.idNumber }, cookie), 429, 'rate_limited');

    for (let i = 0; i < familyLimits.failedLinksPerDay; i += 1) {
      await expectApiError(await postJson(server.url, '/family/links', { name: `钱${'甲乙丙丁戊己庚辛壬癸'[i] ?? '某'}`, idNumber: target.idNumber, code: '000000' }, cookie), 401, 'otp_invalid');
    }
    await expectApiError(await postJson(server.url, '/family/links', { name: target.name, idNumber: target.idNumber, code: '000000' }, cookie), 429, 'rate_limited');
  });
});
