import { Hono } from 'hono';
import { citizenId as citizenIdSchema, endpoints, type ResponseOf } from '../../core/contract.ts';
import type { Services } from '../compose.ts';
import { noSuchCitizen } from '../services/citizens.ts';
import { HttpError } from '../http/errors.ts';
import { requireSession, type SessionVariables } from '../http/session.ts';

/** Everything behind a session: the profile, and the four kinds of record. */
export function recordRoutes({ auth, citizens, records }: Services) {
  const app = new Hono<{ Variables: SessionVariables }>();
  app.use('/me', requireSession(auth));
  app.use('/citizens/*', requireSession(auth));

  /** The subject of a /citizens/:citizenId route, once the viewer is known to be allowed to read it. */
  async function readableSubject(viewerId: string, requested: string | undefined): Promise<string> {
    const parsed = citizenIdSchema.safeParse(requested);
    if (!parsed.success) throw noSuchCitizen();
    return (await citizens.readable(viewerId, parsed.data)).id;
  }

  return app
    .get(endpoints.me.path, async (c) => {
      const household = await citizens.household(c.get('citizenId'));
      if (!household) throw new HttpError(401, 'unauthenticated', 'Log in first.');
      return c.json<ResponseOf<'me'>>(household);
    })
    .get(endpoints.vaccinations.path, async (c) => {
      const subject = await readableSubject(c.get('citizenId'), c.req.param('citizenId'));
      return c.json<ResponseOf<'vaccinations'>>({ vaccinations: await records.vaccinations(subject) });
    })
    .get(endpoints.pcrTests.path, async (c) => {
      const subject = await readableSubject(c.get('citizenId'), c.req.param('citizenId'));
      return c.json<ResponseOf<'pcrTests'>>({ pcrTests: await records.pcrTests(subject) });
    })
    .get(endpoints.antigenTests.path, async (c) => {
      const subject = await readableSubject(c.get('citizenId'), c.req.param('citizenId'));
      return c.json<ResponseOf<'antigenTests'>>({ antigenTests: await records.antigenTests(subject) });
    })
    .get(endpoints.itinerary.path, async (c) => {
      const subject = await readableSubject(c.get('citizenId'), c.req.param('citizenId'));
      return c.json<ResponseOf<'itinerary'>>({ stops: await records.itinerary(subject) });
    });
}
