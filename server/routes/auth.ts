import { Hono } from 'hono';
import { endpoints, type ResponseOf } from '../../core/contract.ts';
import type { Services } from '../compose.ts';
import { HttpError } from '../http/errors.ts';
import { readJson } from '../http/json-body.ts';
import { clearSessionCookie, sessionToken, setSessionCookie } from '../http/session.ts';

export function authRoutes({ auth, citizens }: Services) {
  return new Hono()
    .get(endpoints.session.path, async (c) => {
      const token = sessionToken(c);
      const citizenId = token ? await auth.citizenForSession(token) : undefined;
      const household = citizenId && (await citizens.household(citizenId));
      // The answer follows the cookie and names the citizen: no shared or browser cache may keep it.
      c.header('Cache-Control', 'no-store');
      return c.json<ResponseOf<'session'>>(household || { citizen: null });
    })
    .post(endpoints.requestOtp.path, async (c) => {
      const { phone } = await readJson(c, endpoints.requestOtp.body);
      if (!(await citizens.idForPhone(phone))) {
        throw new HttpError(404, 'not_registered', 'No 随申码 is registered for this phone number.');
      }
      return c.json<ResponseOf<'requestOtp'>>({ sent: true, ...(await auth.sendOtp(phone, 'login')) });
    })
    .post(endpoints.login.path, async (c) => {
      const { phone, code } = await readJson(c, endpoints.login.body);
      await auth.confirmOtp(phone, code);
      const citizenId = await citizens.idForPhone(phone);
      const household = citizenId && (await citizens.household(citizenId));
      if (!citizenId || !household) throw new HttpError(401, 'otp_invalid', 'The code is not right.');
      const session = await auth.startSession(citizenId);
      setSessionCookie(c, session.token, session.maxAgeSeconds);
      return c.json<ResponseOf<'login'>>(household);
    })
    .post(endpoints.logout.path, async (c) => {
      const token = sessionToken(c);
      if (token) await auth.endSession(token);
      clearSessionCookie(c);
      return c.json<ResponseOf<'logout'>>({ ok: true });
    });
}
