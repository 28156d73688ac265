import { endpoints } from '../app/api/contract.ts';

/** Logs a demo citizen in over real HTTP (OTP, then login) and returns the session Cookie header. */
export async function loginCookie(serverUrl: string, phone: string): Promise<string> {
  const otp = await fetch(`${serverUrl}/api/auth/otp`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ phone }),
  });
  const { demoCode } = endpoints.requestOtp.response.parse(await otp.json());
  const response = await fetch(`${serverUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ phone, code: demoCode }),
  });
  if (response.status !== 200) throw new Error(`login of ${phone} answered ${response.status}`);
  const session = response.headers.getSetCookie().find((cookie) => cookie.startsWith('sw_session='));
  if (!session) throw new Error(`no session cookie for ${phone}`);
  return session.split(';')[0] ?? '';
}
