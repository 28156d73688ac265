import { Hono } from 'hono';
import type * as z from 'zod/mini';
import { endpoints, type ResponseOf } from '../../core/contract/endpoints.ts';
import { kioskLicence, venueStatus } from '../../core/contract/console.ts';
import type { Services } from '../compose.ts';
import { clientAddress } from '../http/client-address.ts';
import { HttpError } from '../http/errors.ts';
import { readJson } from '../http/json-body.ts';
import { behind, under } from '../http/mount.ts';
import { clearOperatorCookie, operatorToken, type OperatorVariables, relyingParty, requireOperator, setOperatorCookie } from '../http/operator-session.ts';
import { operatorView } from '../services/operator-auth.ts';
import { demoOperators } from '../services/demo-operators.ts';

/** A query value that must be one of a schema's, or absent. */
function queryOf<S extends z.ZodMiniType>(schema: S, value: string | undefined): z.infer<S> | undefined {
  if (value === undefined) return undefined;
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new HttpError(400, 'bad_request', `Unknown filter ${JSON.stringify(value)}.`);
  return parsed.data;
}

/** Sign-in, open: the code, then the passkey (services/operator-auth.ts). */
function operatorAuthRoutes({ operatorAuth, loginLimits, config }: Services) {
  const at = under('/operator');
  return new Hono()
    .post(at(endpoints.operatorCode.path), async (c) => {
      await loginLimits.codeRequestFrom(clientAddress(c, config.trustProxy ?? 0));
      const { phone } = await readJson(c, endpoints.operatorCode.body);
      return c.json<ResponseOf<'operatorCode'>>({ sent: true, ...(await operatorAuth.sendCode(phone)) });
    })
    .post(at(endpoints.operatorVerify.path), async (c) => {
      const { phone, code } = await readJson(c, endpoints.operatorVerify.body);
      const step = await operatorAuth.verifyCode(phone, code, relyingParty(c, config.webAuthnOrigin));
      setOperatorCookie(c, step.session.token, step.session.maxAgeSeconds, config);
      c.header('Cache-Control', 'no-store');
      return c.json<ResponseOf<'operatorVerify'>>({ next: step.next, options: { ...step.options } });
    })
    .post(at(endpoints.operatorPasskeyRegister.path), async (c) => {
      const { response } = await readJson(c, endpoints.operatorPasskeyRegister.body);
      const done = await operatorAuth.register(operatorToken(c), response, relyingParty(c, config.webAuthnOrigin));
      setOperatorCookie(c, done.session.token, done.session.maxAgeSeconds, config);
      return c.json<ResponseOf<'operatorPasskeyRegister'>>({ operator: operatorView(done.operator) });
    })
    .post(at(endpoints.operatorPasskeyAuthenticate.path), async (c) => {
      const { response } = await readJson(c, endpoints.operatorPasskeyAuthenticate.body);
      const done = await operatorAuth.authenticate(operatorToken(c), response, relyingParty(c, config.webAuthnOrigin));
      setOperatorCookie(c, done.session.token, done.session.maxAgeSeconds, config);
      return c.json<ResponseOf<'operatorPasskeyAuthenticate'>>({ operator: operatorView(done.operator) });
    })
    .post(at(endpoints.operatorLogout.path), async (c) => {
      const token = operatorToken(c);
      if (token) await operatorAuth.endSession(token);
      clearOperatorCookie(c);
      return c.json<ResponseOf<'operatorLogout'>>({ ok: true });
    })
    .get(at(endpoints.operatorSession.path), async (c) => {
      const operator = await operatorAuth.operatorFor(operatorToken(c));
      c.header('Cache-Control', 'no-store');
      return c.json<ResponseOf<'operatorSession'>>({ operator: operator ? operatorView(operator) : null });
    })
    .get(at(endpoints.demoOperators.path), (c) => {
      if (!config.demo) throw new HttpError(404, 'not_found', 'Demo operators exist only in demo mode.');
      return c.json<ResponseOf<'demoOperators'>>({ operators: demoOperators.map(({ phone, name, role, district }) => ({ phone, name, role, district })) });
    });
}

/** What a signed-in operator does (services/authority.ts), behind `requireOperator`. */
function operatorPowerRoutes({ authority }: Services) {
  const at = under('/operator');
  return new Hono<{ Variables: OperatorVariables }>()
    .get(at(endpoints.operatorVenues.path), async (c) => {
      const status = queryOf(venueStatus, c.req.query('status')) ?? 'pending';
      c.header('Cache-Control', 'no-store');
      return c.json<ResponseOf<'operatorVenues'>>({ venues: await authority.venues(c.get('operator'), status) });
    })
    .post(at(endpoints.operatorDecideVenue.path), async (c) => {
      const body = await readJson(c, endpoints.operatorDecideVenue.body);
      return c.json<ResponseOf<'operatorDecideVenue'>>({ venue: await authority.decideVenue(c.get('operator'), c.req.param('number'), body) });
    })
    .get(at(endpoints.operatorKiosks.path), async (c) => {
      c.header('Cache-Control', 'no-store');
      return c.json<ResponseOf<'operatorKiosks'>>({ kiosks: await authority.kiosks(c.get('operator'), queryOf(kioskLicence, c.req.query('licence'))) });
    })
    .post(at(endpoints.operatorDecideKiosk.path), async (c) => {
      const body = await readJson(c, endpoints.operatorDecideKiosk.body);
      return c.json<ResponseOf<'operatorDecideKiosk'>>({ kiosk: await authority.decideKiosk(c.get('operator'), c.req.param('kioskId'), body) });
    })
    .get(at(endpoints.operatorProviders.path), async (c) => {
      c.header('Cache-Control', 'no-store');
      return c.json<ResponseOf<'operatorProviders'>>({ providers: await authority.providers(c.get('operator')) });
    })
    .post(at(endpoints.operatorAddProvider.path), async (c) => {
      const body = await readJson(c, endpoints.operatorAddProvider.body);
      c.header('Cache-Control', 'no-store');
      return c.json<ResponseOf<'operatorAddProvider'>>(await authority.addProvider(c.get('operator'), body), 201);
    })
    .delete(at(endpoints.operatorRevokeProvider.path), async (c) => {
      await authority.revokeProvider(c.get('operator'), c.req.param('name'));
      return c.json<ResponseOf<'operatorRevokeProvider'>>({ ok: true });
    })
    .get(at(endpoints.operatorAntigenReviews.path), async (c) => {
      c.header('Cache-Control', 'no-store');
      return c.json<ResponseOf<'operatorAntigenReviews'>>({ tests: await authority.antigenReviews(c.get('operator')) });
    })
    .post(at(endpoints.operatorDecideAntigenReview.path), async (c) => {
      const body = await readJson(c, endpoints.operatorDecideAntigenReview.body);
      return c.json<ResponseOf<'operatorDecideAntigenReview'>>({ test: await authority.decideAntigenReview(c.get('operator'), c.req.param('id'), body) });
    })
    .get(at(endpoints.operatorAudit.path), async (c) => {
      c.header('Cache-Control', 'no-store');
      return c.json<ResponseOf<'operatorAudit'>>({ entries: await authority.auditOf(c.get('operator'), c.req.query('all') === '1') });
    });
}

/**
 * The authority's API at `/operator`: sign-in open at `/operator/auth`, everything else behind the operator's
 * own session. The open routes are registered first and answer before the guard is reached.
 */
export function operatorRoutes(services: Services) {
  return new Hono().route('/', operatorAuthRoutes(services)).route('/', behind(requireOperator(services.operatorAuth), operatorPowerRoutes(services)));
}
