import { Hono } from 'hono';
import { endpoints, type ResponseOf } from '../../core/contract/endpoints.ts';
import { kioskId } from '../../core/contract/kiosks.ts';
import { venueNumber } from '../../core/contract/venues.ts';
import type { Services } from '../compose.ts';
import { HttpError } from '../http/errors.ts';
import { readJson } from '../http/json-body.ts';
import { requireKiosk, type KioskVariables } from '../http/kiosk-auth.ts';
import { requireSession, type SessionVariables } from '../http/session.ts';

/** Largest kiosk sync body: a full batch of the longest codes, with room for the JSON around them. */
const maxKioskSyncBytes = 512 * 1024;

/**
 * 数字哨兵 (services/kiosks.ts): the owner pairs, lists and revokes a venue's kiosks and picks its rule
 * (session); the kiosk, by its pairing token alone, learns its venue, sends the visits it passed and looks
 * visitors up by ID number.
 */
export function kioskRoutes({ auth, kiosks }: Services) {
  const app = new Hono<{ Variables: SessionVariables & KioskVariables }>();
  app.use('/venues/:number/kiosks', requireSession(auth));
  app.use('/venues/:number/kiosks/*', requireSession(auth));
  app.on('PATCH', '/venues/:number', requireSession(auth));
  app.use('/kiosk/*', requireKiosk(kiosks));

  /** The venue number of the path; a malformed one is answered like a venue that is not the caller's. */
  const number = (raw: string) => {
    const parsed = venueNumber.safeParse(raw);
    if (!parsed.success) throw new HttpError(404, 'not_found', 'No venue has that number.');
    return parsed.data;
  };

  return app
    .patch(endpoints.updateVenue.path, async (c) => {
      const venue = number(c.req.param('number'));
      const body = await readJson(c, endpoints.updateVenue.body);
      return c.json<ResponseOf<'updateVenue'>>({ venue: await kiosks.setRuleSet(c.get('citizenId'), venue, body.ruleSetId) });
    })
    .post(endpoints.pairKiosk.path, async (c) => {
      const venue = number(c.req.param('number'));
      const body = await readJson(c, endpoints.pairKiosk.body);
      c.header('Cache-Control', 'no-store');
      return c.json<ResponseOf<'pairKiosk'>>(await kiosks.pair(c.get('citizenId'), venue, body.label), 201);
    })
    .get(endpoints.venueKiosks.path, async (c) => c.json<ResponseOf<'venueKiosks'>>({ kiosks: await kiosks.list(c.get('citizenId'), number(c.req.param('number'))) }))
    .delete(endpoints.revokeKiosk.path, async (c) => {
      const venue = number(c.req.param('number'));
      const kiosk = kioskId.safeParse(c.req.param('kioskId'));
      if (!kiosk.success) throw new HttpError(404, 'not_found', 'This venue has no such kiosk.');
      await kiosks.revoke(c.get('citizenId'), venue, kiosk.data);
      return c.json<ResponseOf<'revokeKiosk'>>({ ok: true });
    })
    .get(endpoints.kioskMe.path, (c) => c.json<ResponseOf<'kioskMe'>>(kiosks.me(c.get('kiosk'))))
    .post(endpoints.kioskSync.path, async (c) => {
      const body = await readJson(c, endpoints.kioskSync.body, maxKioskSyncBytes);
      return c.json<ResponseOf<'kioskSync'>>({ results: await kiosks.sync(c.get('kiosk'), body.items) });
    })
    .post(endpoints.kioskIdLookup.path, async (c) => {
      const body = await readJson(c, endpoints.kioskIdLookup.body);
      c.header('Cache-Control', 'no-store');
      return c.json<ResponseOf<'kioskIdLookup'>>({ status: await kiosks.lookup(c.get('kiosk'), body) });
    });
}
