import { Hono } from 'hono';
import { citizenId as citizenIdSchema } from '../../core/contract/common.ts';
import { endpoints, type ResponseOf } from '../../core/contract/endpoints.ts';
import type { Services } from '../compose.ts';
import { noSuchCitizen } from '../services/citizens.ts';
import { HttpError } from '../http/errors.ts';
import { requireSession, type SessionVariables } from '../http/session.ts';

/** Everything behind a session: the profile, and the four kinds of record. */
export function recordRoutes({ auth, citizens, records }: Services) {
  const app = new Hono<{ Variables: SessionVariables }>();
  app.use('/me', requireSession(auth));
  app.use('/citizens/*', requireSession(auth));

  /** The citizen a /citizens/:citizenId route names; one that cannot be an id is no one (404). */
  function subjectOf(requested: string | undefined): string {
    const parsed = citizenIdSchema.safeParse(requested);
    if (!parsed.success) throw noSuchCitizen();
    return parsed.data;
  }

  return app
    .get(endpoints.me.path, async (c) => {
      const household = await citizens.household(c.get('citizenId'));
      if (!household) throw new HttpError(401, 'unauthenticated', 'Log in first.');
      return c.json<ResponseOf<'me'>>(household);
    })
    .get(endpoints.vaccinations.path, async (c) => {
      const vaccinations = await records.vaccinations(c.get('citizenId'), subjectOf(c.req.param('citizenId')));
      return c.json<ResponseOf<'vaccinations'>>({ vaccinations });
    })
    .get(endpoints.pcrTests.path, async (c) => {
      const pcrTests = await records.pcrTests(c.get('citizenId'), subjectOf(c.req.param('citizenId')));
      return c.json<ResponseOf<'pcrTests'>>({ pcrTests });
    })
    .get(endpoints.antigenTests.path, async (c) => {
      const antigenTests = await records.antigenTests(c.get('citizenId'), subjectOf(c.req.param('citizenId')));
      return c.json<ResponseOf<'antigenTests'>>({ antigenTests });
    })
    .get(endpoints.itinerary.path, async (c) => {
      const stops = await records.itinerary(c.get('citizenId'), subjectOf(c.req.param('citizenId')));
      return c.json<ResponseOf<'itinerary'>>({ stops });
    });
}
