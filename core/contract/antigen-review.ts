/**
 * The review API (`antigen-review` scope, services/antigen-reviews.ts): only providers' reviewing tools
 * call it, never the app, so it stays out of the endpoint table and out of the panel's first load.
 */
import * as z from 'zod/mini';
import { antigenResult, antigenTest, storedPhoto } from './antigen.ts';
import { endpoint, instant, reviewNote } from './common.ts';

/**
 * What a reviewer sees of a self-test waiting for review: the least that judging the photo needs. The
 * masked name only, no ID number or phone; the declared result, never changed by the review.
 */
export const antigenReviewItem = z.object({
  id: z.string(),
  maskedName: z.string(),
  testedAt: instant,
  uploadedAt: instant,
  result: antigenResult,
  kit: z.string(),
  lot: z.string(),
  /** The cassette photo (JPEG in base64); null once past its retention or never sent. */
  photo: storedPhoto,
});
export type AntigenReviewItem = z.infer<typeof antigenReviewItem>;
export const antigenReviewBody = z.object({
  decision: z.enum(['confirm', 'reject']),
  note: reviewNote,
});

export const reviewEndpoints = {
  /** Self-tests waiting for review, oldest first, for a provider key with scope `antigen-review` (Bearer). */
  antigenReviews: endpoint({ method: 'GET', path: '/review/antigen-tests', body: undefined, response: z.object({ tests: z.array(antigenReviewItem) }) }),
  /** A reviewer's decision on one of them; each read and decision is in the citizen's access log. */
  decideAntigenReview: endpoint({ method: 'POST', path: '/review/antigen-tests/:id', body: antigenReviewBody, response: z.object({ test: antigenTest }) }),
} as const;
