import { Hono } from 'hono';
import { credentialBody, paperCodeBody } from '../../core/contract/codes.ts';
import { endpoints, type ResponseOf } from '../../core/contract/endpoints.ts';
import type { Services } from '../compose.ts';
import { readJson } from '../http/json-body.ts';
import { under } from '../http/mount.ts';
import type { SessionVariables } from '../http/session.ts';

/** `/credential` behind the session: a credential bound to the phone's device key (services/credentials.ts). Never cached. */
export function credentialRoutes({ credentials }: Services) {
  return new Hono<{ Variables: SessionVariables }>().post(under('/credential')(endpoints.credential.path), async (c) => {
    const body = await readJson(c, credentialBody);
    const viewer = c.get('citizenId');
    const issued = await credentials.credential(viewer, body.subject ?? viewer, body.publicKey);
    c.header('Cache-Control', 'no-store');
    return c.json<ResponseOf<'credential'>>(issued);
  });
}

/** `/paper-code` behind the session: a printable code for the caller or a dependant. Never cached. */
export function paperCodeRoutes({ credentials }: Services) {
  return new Hono<{ Variables: SessionVariables }>().post(under('/paper-code')(endpoints.paperCode.path), async (c) => {
    const body = await readJson(c, paperCodeBody);
    const paper = await credentials.paperCode(c.get('citizenId'), body.subject);
    c.header('Cache-Control', 'no-store');
    return c.json<ResponseOf<'paperCode'>>(paper);
  });
}
