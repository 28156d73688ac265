import { Hono } from 'hono';
import { citizenId as citizenIdSchema } from '../../core/contract/common.ts';
import { endpoints, type ResponseOf } from '../../core/contract/endpoints.ts';
import type { Services } from '../compose.ts';
import { HttpError } from '../http/errors.ts';
import { readJson } from '../http/json-body.ts';
import { under } from '../http/mount.ts';
import type { SessionVariables } from '../http/session.ts';

/** The citizen id of a path; a malformed one is answered like a person not linked to the caller. */
function personOf(raw: string): string {
  const parsed = citizenIdSchema.safeParse(raw);
  if (!parsed.success) throw new HttpError(404, 'not_found', 'This person is not linked to you.');
  return parsed.data;
}

/** 亲友码 at `/family` behind the session: linking and unlinking dependants, and a dependant leaving a guardian (services/family.ts). */
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
      await family.unlink(c.get('citizenId'), personOf(c.req.param('citizenId')));
      return c.json<ResponseOf<'unlinkDependant'>>({ ok: true });
    })
    .get(at(endpoints.myGuardians.path), async (c) => c.json<ResponseOf<'myGuardians'>>({ guardians: await family.guardians(c.get('citizenId')) }))
    .delete(at(endpoints.leaveGuardian.path), async (c) => {
      await family.leave(c.get('citizenId'), personOf(c.req.param('citizenId')));
      return c.json<ResponseOf<'leaveGuardian'>>({ ok: true });
    });
}
