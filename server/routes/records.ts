import { Hono } from 'hono';
import { citizenId as citizenIdSchema } from '../../core/contract/common.ts';
import { endpoints, type ResponseOf } from '../../core/contract/endpoints.ts';
import type { Services } from '../compose.ts';
import { noSuchCitizen } from '../services/citizens.ts';
import { under } from '../http/mount.ts';
import type { SessionVariables } from '../http/session.ts';

/** The four kinds of record of the caller or of a dependant they show, at `/citizens` behind the session. */
export function recordRoutes({ records }: Services) {
  const at = under('/citizens');

  /** The citizen a /citizens/:citizenId route names; one that cannot be an id is no one (404). */
  function subjectOf(requested: string | undefined): string {
    const parsed = citizenIdSchema.safeParse(requested);
    if (!parsed.success) throw noSuchCitizen();
    return parsed.data;
  }

  return new Hono<{ Variables: SessionVariables }>()
    .get(at(endpoints.vaccinations.path), async (c) => {
      const vaccinations = await records.vaccinations(c.get('citizenId'), subjectOf(c.req.param('citizenId')));
      return c.json<ResponseOf<'vaccinations'>>({ vaccinations });
    })
    .get(at(endpoints.pcrTests.path), async (c) => {
      const pcrTests = await records.pcrTests(c.get('citizenId'), subjectOf(c.req.param('citizenId')));
      return c.json<ResponseOf<'pcrTests'>>({ pcrTests });
    })
    .get(at(endpoints.antigenTests.path), async (c) => {
      const antigenTests = await records.antigenTests(c.get('citizenId'), subjectOf(c.req.param('citizenId')));
      return c.json<ResponseOf<'antigenTests'>>({ antigenTests });
    })
    .get(at(endpoints.itinerary.path), async (c) => {
      const stops = await records.itinerary(c.get('citizenId'), subjectOf(c.req.param('citizenId')));
      return c.json<ResponseOf<'itinerary'>>({ stops });
    });
}
