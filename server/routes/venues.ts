import { Hono } from 'hono';
import { endpoints, type ResponseOf } from '../../core/contract/endpoints.ts';
import { registerVenueBody, venueNumber } from '../../core/contract/venues.ts';
import type { Services } from '../compose.ts';
import { HttpError } from '../http/errors.ts';
import { readJson } from '../http/json-body.ts';
import { requireSession, type SessionVariables } from '../http/session.ts';

/** Venues and their place codes, and the list of citizens' check-ins (which arrive through the outbox, kind 'check-in'). */
export function venueRoutes({ auth, venues }: Services) {
  const app = new Hono<{ Variables: SessionVariables }>();
  app.use('/venues', requireSession(auth));
  app.use('/venues/*', requireSession(auth));
  app.use('/check-ins', requireSession(auth));
  app.use('/check-ins/*', requireSession(auth));

  return app
    .post(endpoints.registerVenue.path, async (c) => {
      const body = await readJson(c, registerVenueBody);
      return c.json<ResponseOf<'registerVenue'>>({ venue: await venues.register(c.get('citizenId'), body) }, 201);
    })
    .get(endpoints.myVenues.path, async (c) => c.json<ResponseOf<'myVenues'>>({ venues: await venues.ownedBy(c.get('citizenId')) }))
    .get(endpoints.venueByNumber.path, async (c) => {
      const number = venueNumber.safeParse(c.req.param('number'));
      if (!number.success) throw new HttpError(404, 'not_found', 'No venue has that number.');
      return c.json<ResponseOf<'venueByNumber'>>({ venue: await venues.byNumber(number.data) });
    })
    .get(endpoints.checkIns.path, async (c) => c.json<ResponseOf<'checkIns'>>({ checkIns: await venues.checkInsOf(c.get('citizenId')) }));
}
