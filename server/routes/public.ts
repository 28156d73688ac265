import { Hono } from 'hono';
import { endpoints, type ResponseOf } from '../../core/contract/endpoints.ts';
import type { Services } from '../compose.ts';
import { HttpError } from '../http/errors.ts';
import { sessionToken } from '../http/session.ts';

/**
 * What anyone may read without a session, mounted at the API's root: the rules in force, the approved antigen
 * kits, the signing keys, the revocation list, demo accounts, health, and who the session cookie (if any) is.
 */
/** A list's `since`: the version (a whole number) of a list fetched before. */
function sinceQuery(since: string | undefined): number | undefined {
  if (since === undefined) return undefined;
  if (!/^\d{1,15}$/.test(since)) throw new HttpError(400, 'bad_request', 'since must be the version (a whole number) of a list fetched before.');
  return Number(since);
}

export function publicRoutes({ auth, citizens, publicData, config, signer, revocations, ready }: Services) {
  return new Hono()
    .get(endpoints.signingKeys.path, (c) => {
      c.header('Cache-Control', 'public, max-age=3600');
      return c.json<ResponseOf<'signingKeys'>>({ keys: signer.publicKeys() });
    })
    .get(endpoints.revocations.path, async (c) => {
      // Verifiers ask every few minutes for what changed since their version: never an old answer.
      c.header('Cache-Control', 'no-store');
      return c.json<ResponseOf<'revocations'>>({ list: await revocations.list(sinceQuery(c.req.query('since'))) });
    })
    .get(endpoints.revocationsCompact.path, async (c) => {
      const sealed = await revocations.compact(sinceQuery(c.req.query('since')));
      // Rice-coded hashes are as dense as they come: compressing them again would only spend CPU.
      return c.body(sealed, 200, { 'Content-Type': 'application/octet-stream', 'Cache-Control': 'no-store' });
    })
    .get(endpoints.ruleSets.path, async (c) => c.json<ResponseOf<'ruleSets'>>({ ruleSets: await publicData.ruleSets() }))
    .get(endpoints.antigenKits.path, async (c) => c.json<ResponseOf<'antigenKits'>>({ kits: await publicData.antigenKits() }))
    .get(endpoints.demoAccounts.path, async (c) => {
      if (!config.demo) throw new HttpError(404, 'not_found', 'Demo accounts exist only in demo mode.');
      return c.json<ResponseOf<'demoAccounts'>>({ accounts: await citizens.demoAccounts() });
    })
    // No session is an answer here, not a 401: a first visit must not log a failed request.
    .get(endpoints.session.path, async (c) => {
      const token = sessionToken(c);
      const citizenId = token ? await auth.citizenForSession(token) : undefined;
      const household = citizenId && (await citizens.household(citizenId));
      // The answer follows the cookie and names the citizen: no shared or browser cache may keep it.
      c.header('Cache-Control', 'no-store');
      return c.json<ResponseOf<'session'>>(household || { citizen: null });
    })
    // For a load balancer: `health` says the process answers, `ready` that it can serve (database
    // reachable, schema current). Neither is cached.
    .get(endpoints.health.path, (c) => {
      c.header('Cache-Control', 'no-store');
      return c.json<ResponseOf<'health'>>({ status: 'up' });
    })
    .get(endpoints.ready.path, async (c) => {
      c.header('Cache-Control', 'no-store');
      return (await ready()) ? c.json<ResponseOf<'ready'>>({ status: 'ready' }) : c.json<ResponseOf<'ready'>>({ status: 'not-ready' }, 503);
    });
}
