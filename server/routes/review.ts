import { Hono } from 'hono';
import { endpoints, type ResponseOf } from '../../core/contract.ts';
import type { Services } from '../compose.ts';
import { readJson } from '../http/json-body.ts';
import { requireProvider, type ProviderVariables } from '../http/provider-auth.ts';

/** The review of self-tests waiting for review (services/antigen-reviews.ts), behind a provider's key. */
export function reviewRoutes({ providers, antigenReviews }: Services) {
  const app = new Hono<{ Variables: ProviderVariables }>();
  app.use('/review/*', requireProvider(providers));

  return app
    .get(endpoints.antigenReviews.path, async (c) => {
      c.header('Cache-Control', 'no-store');
      return c.json<ResponseOf<'antigenReviews'>>({ tests: await antigenReviews.pending(c.get('provider')) });
    })
    .post(endpoints.decideAntigenReview.path, async (c) => {
      const body = await readJson(c, endpoints.decideAntigenReview.body);
      return c.json<ResponseOf<'decideAntigenReview'>>({ test: await antigenReviews.decide(c.get('provider'), c.req.param('id'), body) });
    });
}
