import { Hono } from 'hono';
import { accessLogPageSize } from '../../core/contract/account.ts';
import { endpoints, type ResponseOf } from '../../core/contract/endpoints.ts';
import type { Services } from '../compose.ts';
import { HttpError } from '../http/errors.ts';
import { readJson } from '../http/json-body.ts';
import { under } from '../http/mount.ts';
import { clearSessionCookie, type SessionVariables } from '../http/session.ts';

/** `/me` behind the session: who is logged in and whom they show, who looked (查询记录), a copy of it all. */
export function meRoutes({ citizens, accessLog, personalData }: Services) {
  const at = under('/me');
  return new Hono<{ Variables: SessionVariables }>()
    .get(at(endpoints.me.path), async (c) => {
      const household = await citizens.household(c.get('citizenId'));
      if (!household) throw new HttpError(401, 'unauthenticated', 'Log in first.');
      return c.json<ResponseOf<'me'>>(household);
    })
    .get(at(endpoints.accessLog.path), async (c) => {
      return c.json<ResponseOf<'accessLog'>>({ entries: await accessLog.of(c.get('citizenId'), accessLogPageSize) });
    })
    .get(at(endpoints.exportMyData.path), async (c) => {
      // Whole names, ID numbers and photos: no cache, anywhere, may keep a copy.
      c.header('Cache-Control', 'no-store');
      return c.json<ResponseOf<'exportMyData'>>(await personalData.export(c.get('citizenId')));
    });
}

/** `/account` behind the session: deleting the account, confirmed by a code to its phone (PIPL art. 47). */
export function accountRoutes({ personalData }: Services) {
  const at = under('/account');
  return new Hono<{ Variables: SessionVariables }>()
    .post(at(endpoints.requestDeletionCode.path), async (c) => {
      return c.json<ResponseOf<'requestDeletionCode'>>({ sent: true, ...(await personalData.requestDeletionCode(c.get('citizenId'))) });
    })
    .post(at(endpoints.deleteAccount.path), async (c) => {
      const { code } = await readJson(c, endpoints.deleteAccount.body);
      await personalData.deleteAccount(c.get('citizenId'), code);
      clearSessionCookie(c);
      return c.json<ResponseOf<'deleteAccount'>>({ ok: true });
    });
}
