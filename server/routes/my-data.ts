import { Hono } from 'hono';
import { accessLogPageSize } from '../../core/contract/account.ts';
import { endpoints, type ResponseOf } from '../../core/contract/endpoints.ts';
import type { Services } from '../compose.ts';
import { readJson } from '../http/json-body.ts';
import { clearSessionCookie, requireSession, type SessionVariables } from '../http/session.ts';

/** The citizen's rights over their data: who looked (查询记录), a copy of it all, deleting the account. */
export function myDataRoutes({ auth, accessLog, personalData }: Services) {
  const app = new Hono<{ Variables: SessionVariables }>();
  // Named one by one: a '/me/*' pattern would also match the panel's '/me' and check its session twice.
  for (const { path } of [endpoints.accessLog, endpoints.exportMyData]) app.use(path, requireSession(auth));
  app.use('/account/*', requireSession(auth));

  return app
    .get(endpoints.accessLog.path, async (c) => {
      return c.json<ResponseOf<'accessLog'>>({ entries: await accessLog.of(c.get('citizenId'), accessLogPageSize) });
    })
    .get(endpoints.exportMyData.path, async (c) => {
      // Whole names, ID numbers and photos: no cache, anywhere, may keep a copy.
      c.header('Cache-Control', 'no-store');
      return c.json<ResponseOf<'exportMyData'>>(await personalData.export(c.get('citizenId')));
    })
    .post(endpoints.requestDeletionCode.path, async (c) => {
      return c.json<ResponseOf<'requestDeletionCode'>>({ sent: true, ...(await personalData.requestDeletionCode(c.get('citizenId'))) });
    })
    .post(endpoints.deleteAccount.path, async (c) => {
      const { code } = await readJson(c, endpoints.deleteAccount.body);
      await personalData.deleteAccount(c.get('citizenId'), code);
      clearSessionCookie(c);
      return c.json<ResponseOf<'deleteAccount'>>({ ok: true });
    });
}
