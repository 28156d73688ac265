import { Hono } from 'hono';
import { checkInRetentionDays, endpoints, registerVenueBody, venueNumber, type ResponseOf, type VenuePayload } from '../../core/contract.ts';
import { HttpError } from '../http/errors.ts';
import { readJson } from '../http/json-body.ts';
import { requireSession, type SessionVariables } from '../http/session.ts';
import type { Services } from '../services.ts';

const day = 24 * 60 * 60 * 1000;

/** Venues and their place codes, and the list of citizens' check-ins (which arrive through the outbox, kind 'check-in'). */
export function venueRoutes({ auth, venues, checkIns, signer }: Services) {
  const app = new Hono<{ Variables: SessionVariables }>();
  app.use('/venues', requireSession(auth));
  app.use('/venues/*', requireSession(auth));
  app.use('/check-ins', requireSession(auth));
  app.use('/check-ins/*', requireSession(auth));

  function pruneOld(now: number): void {
    checkIns.deleteBefore(new Date(now - checkInRetentionDays * day).toISOString());
  }

  return app
    .post(endpoints.registerVenue.path, async (c) => {
      const body = await readJson(c, registerVenueBody);
      const number = venues.freeNumber();
      const payload: VenuePayload = { t: 'venue', id: number, n: body.name, d: body.district, a: body.address };
      const token = await signer.sign(payload);
      const venue = venues.add({ ...body, number, ownerId: c.get('citizenId'), token, createdAt: new Date().toISOString() });
      return c.json<ResponseOf<'registerVenue'>>({ venue }, 201);
    })
    .get(endpoints.myVenues.path, (c) => c.json<ResponseOf<'myVenues'>>({ venues: venues.ownedBy(c.get('citizenId')) }))
    .get(endpoints.venueByNumber.path, (c) => {
      const number = venueNumber.safeParse(c.req.param('number'));
      const venue = number.success ? venues.byNumber(number.data) : undefined;
      if (!venue) throw new HttpError(404, 'not_found', 'No venue has that number.');
      return c.json<ResponseOf<'venueByNumber'>>({ venue });
    })
    .get(endpoints.checkIns.path, (c) => {
      pruneOld(Date.now());
      return c.json<ResponseOf<'checkIns'>>({ checkIns: checkIns.of(c.get('citizenId')) });
    });
}
