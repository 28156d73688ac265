import { Hono } from 'hono';
import { endpoints, type ResponseOf } from '../../core/contract.ts';
import { HttpError } from '../http/errors.ts';
import type { Services } from '../services.ts';

/** What anyone may read without a session: the rules in force, the signing keys, demo accounts. */
export function publicRoutes({ citizens, ruleSets, config, signer }: Services) {
  return new Hono()
    .get(endpoints.signingKeys.path, (c) => {
      c.header('Cache-Control', 'public, max-age=3600');
      return c.json<ResponseOf<'signingKeys'>>({ keys: signer.publicKeys() });
    })
    .get(endpoints.ruleSets.path, (c) => c.json<ResponseOf<'ruleSets'>>({ ruleSets: ruleSets.all() }))
    .get(endpoints.demoAccounts.path, (c) => {
      if (!config.demo) throw new HttpError(404, 'not_found', 'Demo accounts exist only in demo mode.');
      return c.json<ResponseOf<'demoAccounts'>>({ accounts: citizens.demoAccounts() });
    });
}
