/**
 * A demo citizen's session over real HTTP, as the app gets one. Free of vitest, so the load tool and the
 * benchmarks use it as the tests do (testing/server/test-client.ts re-exports it).
 */
import { endpoints } from '../../core/contract/endpoints.ts';

export function postJson(baseUrl: string, path: string, body: unknown, cookie?: string): Promise<Response> {
  return fetch(`${baseUrl}/api${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });
}

/** Logs a demo citizen in with the code demo mode returns, and gives back their session cookie. */
export async function loginCookie(baseUrl: string, phone: string): Promise<string> {
  const otp = endpoints.requestOtp.response.parse(await (await postJson(baseUrl, '/auth/otp', { phone })).json());
  const response = await postJson(baseUrl, '/auth/login', { phone, code: otp.demoCode });
  const session = response.headers.getSetCookie().find((cookie) => cookie.startsWith('sw_session='));
  if (response.status !== 200 || !session) throw new Error(`login failed for ${phone}: ${response.status}`);
  return session.split(';')[0] ?? '';
}
