import { Hono } from 'hono';
import { citizenId as citizenIdSchema } from '../../core/contract/common.ts';
import { endpoints, type ResponseOf } from '../../core/contract/endpoints.ts';
import type { Services } from '../compose.ts';
import { HttpError } from '../http/errors.ts';
import { readJson } from '../http/json-body.ts';
import { requireSession, type SessionVariables } from '../http/session.ts';

/** 亲友码: linking and unlinking dependants (services/family.ts). */
export function familyRoutes({ auth, family }: Services) {
  const app = new Hono<{ Variables: SessionVariables }>();
  app.use('/family/*', requireSession(auth));

  return app
    .post(endpoints.requestFamilyCode.path, async (c) => {
      const identity = await readJson(c, endpoints.requestFamilyCode.body);
      return c.json<ResponseOf<'requestFamilyCode'>>({ sent: true, ...(await family.requestCode(c.get('citizenId'), identity)) });
    })
    .post(endpoints.linkDependant.path, async (c) => {
      const body = await readJson(c, endpoints.linkDependant.body);
      return c.json<ResponseOf<'linkDependant'>>(await family.link(c.get('citizenId'), body));
    })
    .delete(endpoints.unlinkDependant.path, async (c) => {
      const parsed = citizenIdSchema.safeParse(c.req.param('citizenId'));
      if (!parsed.success) throw new HttpError(404, 'not_found', 'This person is not linked to you.');
      await family.unlink(c.get('citizenId'), parsed.data);
      return c.json<ResponseOf<'unlinkDependant'>>({ ok: true });
    });
}
