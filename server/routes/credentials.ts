import { Hono } from 'hono';
import { credentialBody, paperCodeBody } from '../../core/contract/codes.ts';
import { endpoints, type ResponseOf } from '../../core/contract/endpoints.ts';
import type { Services } from '../compose.ts';
import { readJson } from '../http/json-body.ts';
import { requireSession, type SessionVariables } from '../http/session.ts';

/** Signed codes: a phone's credential and a paper code (services/credentials.ts). Never cached. */
export function credentialRoutes({ auth, credentials }: Services) {
  const app = new Hono<{ Variables: SessionVariables }>();
  app.use(endpoints.credential.path, requireSession(auth));
  app.use(endpoints.paperCode.path, requireSession(auth));

  return app
    .post(endpoints.credential.path, async (c) => {
      const body = await readJson(c, credentialBody);
      const viewer = c.get('citizenId');
      const issued = await credentials.credential(viewer, body.subject ?? viewer, body.publicKey);
      c.header('Cache-Control', 'no-store');
      return c.json<ResponseOf<'credential'>>(issued);
    })
    .post(endpoints.paperCode.path, async (c) => {
      const body = await readJson(c, paperCodeBody);
      const paper = await credentials.paperCode(c.get('citizenId'), body.subject);
      c.header('Cache-Control', 'no-store');
      return c.json<ResponseOf<'paperCode'>>(paper);
    });
}
