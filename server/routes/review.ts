import { Hono } from 'hono';
import type * as z from 'zod/mini';
import { reviewEndpoints } from '../../core/contract/antigen-review.ts';
import type { Services } from '../compose.ts';
import { readJson } from '../http/json-body.ts';
import { under } from '../http/mount.ts';
import type { ProviderVariables } from '../http/provider-auth.ts';

/** The review of self-tests waiting for review at `/review` behind a provider's key (services/antigen-reviews.ts). */
export function reviewRoutes({ antigenReviews }: Services) {
  const at = under('/review');
  return new Hono<{ Variables: ProviderVariables }>()
    .get(at(reviewEndpoints.antigenReviews.path), async (c) => {
      c.header('Cache-Control', 'no-store');
      return c.json<z.infer<typeof reviewEndpoints.antigenReviews.response>>({ tests: await antigenReviews.pending(c.get('provider')) });
    })
    .post(at(reviewEndpoints.decideAntigenReview.path), async (c) => {
      const body = await readJson(c, reviewEndpoints.decideAntigenReview.body);
      return c.json<z.infer<typeof reviewEndpoints.decideAntigenReview.response>>({ test: await antigenReviews.decide(c.get('provider'), c.req.param('id'), body) });
    });
}
