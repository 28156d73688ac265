import { Hono } from 'hono';
import { endpoints, type ResponseOf } from '../../core/contract/endpoints.ts';
import type { Services } from '../compose.ts';
import { HttpError } from '../http/errors.ts';
import { readJson } from '../http/json-body.ts';
import type { KioskVariables } from '../http/kiosk-auth.ts';
import { under } from '../http/mount.ts';

/** Largest kiosk sync body: a full batch of the longest codes, with room for the JSON around them. */
const maxKioskSyncBytes = 512 * 1024;

/**
 * 数字哨兵, the device side, at `/kiosk` behind the kiosk's pairing token (services/kiosks.ts): it learns its
 * venue, sends the visits it passed and looks visitors up.
 */
export function kioskRoutes({ kiosks }: Services) {
  const at = under('/kiosk');
  return new Hono<{ Variables: KioskVariables }>()
    .get(at(endpoints.kioskMe.path), (c) => c.json<ResponseOf<'kioskMe'>>(kiosks.me(c.get('kiosk'))))
    .post(at(endpoints.kioskSync.path), async (c) => {
      const body = await readJson(c, endpoints.kioskSync.body, maxKioskSyncBytes);
      return c.json<ResponseOf<'kioskSync'>>({ results: await kiosks.sync(c.get('kiosk'), body.items) });
    })
    .post(at(endpoints.kioskIdLookup.path), async (c) => {
      const body = await readJson(c, endpoints.kioskIdLookup.body);
      c.header('Cache-Control', 'no-store');
      return c.json<ResponseOf<'kioskIdLookup'>>(await kiosks.lookup(c.get('kiosk'), body));
    })
    .post(at(endpoints.confirmIdLookup.path), async (c) => {
      const id = endpoints.kioskIdLookup.body.shape.id.safeParse(c.req.param('id'));
      if (!id.success) throw new HttpError(404, 'not_found', 'No lookup has that id.');
      await kiosks.confirm(c.get('kiosk'), id.data);
      return c.json<ResponseOf<'confirmIdLookup'>>({ ok: true });
    });
}
