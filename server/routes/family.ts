import { Hono } from 'hono';
import { citizenId as citizenIdSchema, endpoints, type ResponseOf } from '../../core/contract.ts';
import { HttpError } from '../http/errors.ts';
import { readJson } from '../http/json-body.ts';
import { requireSession, type SessionVariables } from '../http/session.ts';
import type { Services } from '../services.ts';

/** A household has room for this many linked members; more suggests misuse, not a family. */
const maxDependants = 10;

/** Masks all but the last four digits, to tell the guardian which phone to look at. */
function maskPhone(phone: string): string {
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}

/**
 * 亲友码: a citizen links a dependant by name and ID number, proven by a one-time code sent to the
 * dependant's registered phone (shown on screen in demo mode). Both facts must match one citizen.
 */
export function familyRoutes({ auth, citizens, config }: Services) {
  const app = new Hono<{ Variables: SessionVariables }>();
  app.use('/family/*', requireSession(auth));

  function dependantFor(guardianId: string, name: string, idNumber: string) {
    const dependant = citizens.findByIdentity(name, idNumber);
    if (!dependant) {
      throw new HttpError(404, 'family_mismatch', 'No citizen matches this name and ID number.');
    }
    if (dependant.id === guardianId) throw new HttpError(400, 'family_mismatch', 'You cannot link yourself.');
    if (!dependant.phone) {
      throw new HttpError(409, 'family_mismatch', 'This person has no registered phone; link them at a neighbourhood office.');
    }
    return { id: dependant.id, phone: dependant.phone };
  }

  return app
    .post(endpoints.requestFamilyCode.path, async (c) => {
      const { name, idNumber } = await readJson(c, endpoints.requestFamilyCode.body);
      const dependant = dependantFor(c.get('citizenId'), name, idNumber);
      const wait = config.demo ? 0 : auth.otpCooldownSeconds(dependant.phone);
      if (wait > 0) throw new HttpError(429, 'rate_limited', `Wait ${wait} s before asking for another code.`);
      const code = auth.issueOtp(dependant.phone);
      return c.json<ResponseOf<'requestFamilyCode'>>({
        sent: true,
        maskedPhone: maskPhone(dependant.phone),
        expiresInSeconds: auth.otpLifetimeSeconds,
        ...(config.demo ? { demoCode: code } : {}),
      });
    })
    .post(endpoints.linkDependant.path, async (c) => {
      const guardianId = c.get('citizenId');
      const { name, idNumber, code } = await readJson(c, endpoints.linkDependant.body);
      const dependant = dependantFor(guardianId, name, idNumber);
      const check = auth.checkOtp(dependant.phone, code);
      if (check === 'expired') throw new HttpError(401, 'otp_expired', 'The code has expired; ask for a new one.');
      if (check === 'too_many_attempts') throw new HttpError(429, 'too_many_attempts', 'Too many wrong codes; ask for a new one.');
      if (check !== 'ok') throw new HttpError(401, 'otp_invalid', 'The code is not right.');
      const already = citizens.dependants(guardianId);
      if (!already.some((d) => d.id === dependant.id) && already.length >= maxDependants) {
        throw new HttpError(409, 'family_limit', `At most ${maxDependants} family members can be linked.`);
      }
      citizens.link(guardianId, dependant.id, new Date().toISOString());
      const profile = citizens.profile(dependant.id);
      if (!profile) throw new HttpError(404, 'not_found', 'No such citizen.');
      return c.json<ResponseOf<'linkDependant'>>(profile);
    })
    .delete(endpoints.unlinkDependant.path, (c) => {
      const parsed = citizenIdSchema.safeParse(c.req.param('citizenId'));
      if (!parsed.success || !citizens.unlink(c.get('citizenId'), parsed.data)) {
        throw new HttpError(404, 'not_found', 'This person is not linked to you.');
      }
      return c.json<ResponseOf<'unlinkDependant'>>({ ok: true });
    });
}
