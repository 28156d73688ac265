import { Hono } from 'hono';
import { citizenId as citizenIdSchema } from '../../core/contract/common.ts';
import { endpoints, type ResponseOf } from '../../core/contract/endpoints.ts';
import type { Services } from '../compose.ts';
import { HttpError } from '../http/errors.ts';
import { readJson } from '../http/json-body.ts';
import { under } from '../http/mount.ts';
import type { SessionVariables } from '../http/session.ts';

/** 亲友码 at `/family` behind the session: linking and unlinking dependants (services/family.ts). */
export function familyRoutes({ family }: Services) {
  const at = under('/family');
  return new Hono<{ Variables: SessionVariables }>()
    .post(at(endpoints.requestFamilyCode.path), async (c) => {
      const identity = await readJson(c, endpoints.requestFamilyCode.body);
      return c.json<ResponseOf<'requestFamilyCode'>>({ sent: true, ...(await family.requestCode(c.get('citizenId'), identity)) });
    })
    .post(at(endpoints.linkDependant.path), async (c) => {
      const body = await readJson(c, endpoints.linkDependant.body);
      return c.json<ResponseOf<'linkDependant'>>(await family.link(c.get('citizenId'), body));
    })
    .delete(at(endpoints.unlinkDependant.path), async (c) => {
      const parsed = citizenIdSchema.safeParse(c.req.param('citizenId'));
      if (!parsed.success) throw new HttpError(404, 'not_found', 'This person is not linked to you.');
      await family.unlink(c.get('citizenId'), parsed.data);
      return c.json<ResponseOf<'unlinkDependant'>>({ ok: true });
    });
}
