import { Hono } from 'hono';
import { endpoints, type ResponseOf } from '../../core/contract/endpoints.ts';
import { kioskId } from '../../core/contract/kiosks.ts';
import { registerVenueBody, venueNumber } from '../../core/contract/venues.ts';
import type { Services } from '../compose.ts';
import { HttpError } from '../http/errors.ts';
import { readJson } from '../http/json-body.ts';
import { under } from '../http/mount.ts';
import type { SessionVariables } from '../http/session.ts';

/** The venue number of a path; a malformed one is answered like a venue that is not the caller's. */
function numberOf(raw: string): string {
  const parsed = venueNumber.safeParse(raw);
  if (!parsed.success) throw new HttpError(404, 'not_found', 'No venue has that number.');
  return parsed.data;
}

/**
 * `/venues` behind the session: a citizen registers venues and reads their place codes, chooses the rule their
 * 数字哨兵 checks, and pairs, lists and revokes the venue's kiosks (services/kiosks.ts).
 */
export function venueRoutes({ venues, kiosks }: Services) {
  const at = under('/venues');
  return new Hono<{ Variables: SessionVariables }>()
    .post(at(endpoints.registerVenue.path), async (c) => {
      const body = await readJson(c, registerVenueBody);
      return c.json<ResponseOf<'registerVenue'>>({ venue: await venues.register(c.get('citizenId'), body) }, 201);
    })
    .get(at(endpoints.myVenues.path), async (c) => c.json<ResponseOf<'myVenues'>>({ venues: await venues.ownedBy(c.get('citizenId')) }))
    .get(at(endpoints.venueByNumber.path), async (c) => c.json<ResponseOf<'venueByNumber'>>({ venue: await venues.byNumber(numberOf(c.req.param('number'))) }))
    .patch(at(endpoints.updateVenue.path), async (c) => {
      const venue = numberOf(c.req.param('number'));
      const body = await readJson(c, endpoints.updateVenue.body);
      return c.json<ResponseOf<'updateVenue'>>({ venue: await kiosks.setRuleSet(c.get('citizenId'), venue, body.ruleSetId) });
    })
    .post(at(endpoints.pairKiosk.path), async (c) => {
      const venue = numberOf(c.req.param('number'));
      const body = await readJson(c, endpoints.pairKiosk.body);
      c.header('Cache-Control', 'no-store');
      return c.json<ResponseOf<'pairKiosk'>>(await kiosks.pair(c.get('citizenId'), venue, body.label), 201);
    })
    .get(at(endpoints.venueKiosks.path), async (c) => c.json<ResponseOf<'venueKiosks'>>({ kiosks: await kiosks.list(c.get('citizenId'), numberOf(c.req.param('number'))) }))
    .delete(at(endpoints.revokeKiosk.path), async (c) => {
      const venue = numberOf(c.req.param('number'));
      const kiosk = kioskId.safeParse(c.req.param('kioskId'));
      if (!kiosk.success) throw new HttpError(404, 'not_found', 'This venue has no such kiosk.');
      await kiosks.revoke(c.get('citizenId'), venue, kiosk.data);
      return c.json<ResponseOf<'revokeKiosk'>>({ ok: true });
    });
}

/** `/check-ins` behind the session: the citizen's own check-ins (which arrive through the outbox, kind 'check-in'). */
export function checkInRoutes({ venues }: Services) {
  return new Hono<{ Variables: SessionVariables }>().get(under('/check-ins')(endpoints.checkIns.path), async (c) =>
    c.json<ResponseOf<'checkIns'>>({ checkIns: await venues.checkInsOf(c.get('citizenId')) }),
  );
}
