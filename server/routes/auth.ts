import { Hono } from 'hono';
import { endpoints, type ResponseOf } from '../../core/contract/endpoints.ts';
import type { Services } from '../compose.ts';
import { HttpError } from '../http/errors.ts';
import { clientAddress } from '../http/client-address.ts';
import { readJson } from '../http/json-body.ts';
import { under } from '../http/mount.ts';
import { clearSessionCookie, sessionToken, setSessionCookie } from '../http/session.ts';

/** Citizens' login and logout, mounted at `/auth` without a guard: these are what start and end a session. */
export function authRoutes({ auth, citizens, config, loginLimits }: Services) {
  const at = under('/auth');
  return new Hono()
    .post(at(endpoints.requestOtp.path), async (c) => {
      await loginLimits.codeRequestFrom(clientAddress(c, config.trustProxy ?? 0));
      const { phone } = await readJson(c, endpoints.requestOtp.body);
      // The same answer whether or not the number is registered (若该号码已登记，验证码已发送): asking must not
      // tell anyone who has an account. Only a registered number is sent its code (or shown it, in demo mode).
      const registered = (await citizens.idForPhone(phone)) !== undefined;
      return c.json<ResponseOf<'requestOtp'>>({ sent: true, ...(await auth.sendOtp(phone, 'login', { deliver: registered })) });
    })
    .post(at(endpoints.login.path), async (c) => {
      const { phone, code } = await readJson(c, endpoints.login.body);
      await auth.confirmOtp(phone, code, 'login');
      const citizenId = await citizens.idForPhone(phone);
      const household = citizenId && (await citizens.household(citizenId));
      if (!citizenId || !household) throw new HttpError(401, 'otp_invalid', 'The code is not right.');
      const session = await auth.startSession(citizenId);
      setSessionCookie(c, session.token, session.maxAgeSeconds, config);
      return c.json<ResponseOf<'login'>>(household);
    })
    .post(at(endpoints.logout.path), async (c) => {
      const token = sessionToken(c);
      if (token) await auth.endSession(token);
      clearSessionCookie(c);
      return c.json<ResponseOf<'logout'>>({ ok: true });
    });
}
