import { Hono } from 'hono';
import {
  checkInBody,
  checkInId,
  checkInRetentionDays,
  endpoints,
  registerVenueBody,
  venueNumber,
  venuePayload,
  type ResponseOf,
  type VenuePayload,
} from '../../app/api/contract.ts';
import { keyLookupFromSet } from '../../app/crypto/keys.ts';
import { verifyToken } from '../../app/crypto/signed-token.ts';
import { HttpError } from '../http/errors.ts';
import { readJson } from '../http/json-body.ts';
import { requireSession, type SessionVariables } from '../http/session.ts';
import type { Services } from '../services.ts';

const day = 24 * 60 * 60 * 1000;

/** Venues and their place codes, and citizens' check-ins at them. */
export function venueRoutes({ auth, venues, checkIns, signer }: Services) {
  const app = new Hono<{ Variables: SessionVariables }>();
  app.use('/venues', requireSession(auth));
  app.use('/venues/*', requireSession(auth));
  app.use('/check-ins', requireSession(auth));
  app.use('/check-ins/*', requireSession(auth));

  const lookup = keyLookupFromSet(signer.publicKeys());

  /** Only a code this server signed names a venue; anything else is refused before it is stored. */
  async function verifiedVenue(token: string): Promise<VenuePayload> {
    const verified = await verifyToken(token, await lookup);
    const payload = verified.ok ? venuePayload.safeParse(verified.payload) : undefined;
    if (!payload?.success) throw new HttpError(400, 'invalid_venue_code', 'That is not a valid place code from this service.');
    return payload.data;
  }

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
    .put(endpoints.checkIn.path, async (c) => {
      const id = checkInId.safeParse(c.req.param('id'));
      if (!id.success) throw new HttpError(400, 'bad_request', 'The check-in id must be a UUID.');
      const body = await readJson(c, checkInBody);
      const venue = await verifiedVenue(body.venueToken);
      const now = Date.now();
      const scannedAt = Date.parse(body.scannedAt);
      if (scannedAt > now + 5 * 60 * 1000) throw new HttpError(400, 'invalid_body', 'scannedAt: lies in the future.');
      pruneOld(now);
      const citizenId = c.get('citizenId');
      const stored = checkIns.record({
        id: id.data,
        citizenId,
        venueNumber: venue.id,
        venueName: venue.n,
        district: venue.d,
        scannedAt: new Date(scannedAt).toISOString(),
        receivedAt: new Date(now).toISOString(),
      });
      if (stored.ownerId !== citizenId) throw new HttpError(409, 'bad_request', 'That check-in id is taken.');
      return c.json<ResponseOf<'checkIn'>>({ checkIn: stored.checkIn, created: stored.created }, stored.created ? 201 : 200);
    })
    .get(endpoints.checkIns.path, (c) => {
      pruneOld(Date.now());
      return c.json<ResponseOf<'checkIns'>>({ checkIns: checkIns.of(c.get('citizenId')) });
    });
}
