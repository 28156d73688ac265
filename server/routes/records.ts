import { Hono } from 'hono';
import { citizenId as citizenIdSchema, endpoints, type ResponseOf } from '../../core/contract.ts';
import { HttpError } from '../http/errors.ts';
import { requireSession, type SessionVariables } from '../http/session.ts';
import type { Services } from '../services.ts';

/** Everything behind a session: the profile, and the four kinds of record. */
export function recordRoutes({ auth, citizens, records }: Services) {
  const app = new Hono<{ Variables: SessionVariables }>();
  app.use('/me', requireSession(auth));
  app.use('/citizens/*', requireSession(auth));

  /** The subject of a /citizens/:citizenId route, once the viewer is known to be allowed to read it. */
  function readableSubject(viewerId: string, requested: string | undefined): string {
    const parsed = citizenIdSchema.safeParse(requested);
    if (!parsed.success || !citizens.profile(parsed.data)) {
      throw new HttpError(404, 'not_found', 'No such citizen.');
    }
    if (!citizens.canRead(viewerId, parsed.data)) {
      throw new HttpError(403, 'forbidden', 'You may read only your own and your family members’ records.');
    }
    return parsed.data;
  }

  return app
    .get(endpoints.me.path, (c) => {
      const citizenId = c.get('citizenId');
      const profile = citizens.profile(citizenId);
      if (!profile) throw new HttpError(401, 'unauthenticated', 'Log in first.');
      return c.json<ResponseOf<'me'>>({ citizen: profile, dependants: citizens.dependants(citizenId) });
    })
    .get(endpoints.vaccinations.path, (c) => {
      const subject = readableSubject(c.get('citizenId'), c.req.param('citizenId'));
      return c.json<ResponseOf<'vaccinations'>>({ vaccinations: records.vaccinations(subject) });
    })
    .get(endpoints.pcrTests.path, (c) => {
      const subject = readableSubject(c.get('citizenId'), c.req.param('citizenId'));
      return c.json<ResponseOf<'pcrTests'>>({ pcrTests: records.pcrTests(subject) });
    })
    .get(endpoints.antigenTests.path, (c) => {
      const subject = readableSubject(c.get('citizenId'), c.req.param('citizenId'));
      return c.json<ResponseOf<'antigenTests'>>({ antigenTests: records.antigenTests(subject) });
    })
    .get(endpoints.itinerary.path, (c) => {
      const subject = readableSubject(c.get('citizenId'), c.req.param('citizenId'));
      return c.json<ResponseOf<'itinerary'>>({ stops: records.itinerary(subject) });
    });
}
