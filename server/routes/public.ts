import { Hono } from 'hono';
import { endpoints, type ResponseOf } from '../../core/contract/endpoints.ts';
import type { Services } from '../compose.ts';
import { HttpError } from '../http/errors.ts';

/**
 * What anyone may read without a session: the rules in force, the approved antigen kits, the signing keys,
 * the revocation list, demo accounts, health.
 */
export function publicRoutes({ citizens, ruleSets, antigenKits, config, signer, revocations, ready }: Services) {
  return new Hono()
    .get(endpoints.signingKeys.path, (c) => {
      c.header('Cache-Control', 'public, max-age=3600');
      return c.json<ResponseOf<'signingKeys'>>({ keys: signer.publicKeys() });
    })
    .get(endpoints.revocations.path, async (c) => {
      const since = c.req.query('since');
      if (since !== undefined && !/^\d{1,15}$/.test(since)) {
        throw new HttpError(400, 'bad_request', 'since must be the version (a whole number) of a list fetched before.');
      }
      // Verifiers ask every few minutes for what changed since their version: never an old answer.
      c.header('Cache-Control', 'no-store');
      return c.json<ResponseOf<'revocations'>>({ list: await revocations.list(since === undefined ? undefined : Number(since)) });
    })
    .get(endpoints.ruleSets.path, async (c) => c.json<ResponseOf<'ruleSets'>>({ ruleSets: await ruleSets.all() }))
    .get(endpoints.antigenKits.path, async (c) => c.json<ResponseOf<'antigenKits'>>({ kits: await antigenKits.all() }))
    .get(endpoints.demoAccounts.path, async (c) => {
      if (!config.demo) throw new HttpError(404, 'not_found', 'Demo accounts exist only in demo mode.');
      return c.json<ResponseOf<'demoAccounts'>>({ accounts: await citizens.demoAccounts() });
    })
    // For a load balancer: `health` says the process answers, `ready` that it can serve (database
    // reachable, schema current). Neither is cached.
    .get('/health', (c) => {
      c.header('Cache-Control', 'no-store');
      return c.json({ status: 'up' });
    })
    .get('/ready', async (c) => {
      c.header('Cache-Control', 'no-store');
      return (await ready()) ? c.json({ status: 'ready' }) : c.json({ status: 'not-ready' }, 503);
    });
}
