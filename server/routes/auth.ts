import { Hono } from 'hono';
import { endpoints, type ResponseOf } from '../../core/contract.ts';
import { HttpError } from '../http/errors.ts';
import { readJson } from '../http/json-body.ts';
import { clearSessionCookie, sessionToken, setSessionCookie } from '../http/session.ts';
import type { Services } from '../services.ts';

export function authRoutes({ auth, citizens, config }: Services) {
  return new Hono()
    .post(endpoints.requestOtp.path, async (c) => {
      const { phone } = await readJson(c, endpoints.requestOtp.body);
      if (!citizens.idForPhone(phone)) {
        throw new HttpError(404, 'not_registered', 'No 随申码 is registered for this phone number.');
      }
      const wait = config.demo ? 0 : auth.otpCooldownSeconds(phone);
      if (wait > 0) throw new HttpError(429, 'rate_limited', `Wait ${wait} s before asking for another code.`);
      const code = auth.issueOtp(phone);
      return c.json<ResponseOf<'requestOtp'>>({
        sent: true,
        expiresInSeconds: auth.otpLifetimeSeconds,
        ...(config.demo ? { demoCode: code } : {}),
      });
    })
    .post(endpoints.login.path, async (c) => {
      const { phone, code } = await readJson(c, endpoints.login.body);
      const check = auth.checkOtp(phone, code);
      if (check === 'expired') throw new HttpError(401, 'otp_expired', 'The code has expired; ask for a new one.');
      if (check === 'too_many_attempts') {
        throw new HttpError(429, 'too_many_attempts', 'Too many wrong codes; ask for a new one.');
      }
      const citizenId = citizens.idForPhone(phone);
      const profile = citizenId && citizens.profile(citizenId);
      if (check !== 'ok' || !citizenId || !profile) throw new HttpError(401, 'otp_invalid', 'The code is not right.');
      const session = auth.startSession(citizenId);
      setSessionCookie(c, session.token, session.maxAgeSeconds);
      return c.json<ResponseOf<'login'>>({ citizen: profile, dependants: citizens.dependants(citizenId) });
    })
    .post(endpoints.logout.path, (c) => {
      const token = sessionToken(c);
      if (token) auth.endSession(token);
      clearSessionCookie(c);
      return c.json<ResponseOf<'logout'>>({ ok: true });
    });
}
