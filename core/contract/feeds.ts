/** Data providers' NDJSON feeds: their scopes, one schema a line, and the per-line result. */
import * as z from 'zod/mini';
import { boundedText, codeColour, day, endpoint, idNumber, instant, personName, phone } from './common.ts';
import { pcrResult } from './records.ts';

/**
 * What a data provider (a lab, a testing site, the vaccination registry, the itinerary feed, the
 * authority) may send: one NDJSON feed per scope at POST /api/feeds/<scope>, each key granted some of them.
 */
export const feedScopes = ['citizens', 'pcr-results', 'antigen-results', 'vaccinations', 'itinerary', 'colour-decisions'] as const;
export const feedScope = z.enum(feedScopes);
export type FeedScope = z.infer<typeof feedScope>;
/**
 * What a provider's key may do: send the feeds above, or review self-tests that wait for review
 * (`antigen-review`: GET /api/review/antigen-tests and POST a decision), which is not a feed.
 */
export const providerScopes = [...feedScopes, 'antigen-review'] as const;
export const providerScope = z.enum(providerScopes);
export type ProviderScope = z.infer<typeof providerScope>;

/** Longest line a feed may carry, in bytes (UTF-8, without its newline); a longer one is rejected alone. */
export const maxFeedLineBytes = 8 * 1024;

/** The provider's own id for the record: with the provider and scope, the record's identity. */
const externalId = boundedText(128);

/**
 * One line of each feed. Unknown fields are ignored (and so do not make a line count as changed); a
 * person is matched by their ID number, check character verified.
 */
export const feedLines = {
  citizens: z.object({
    externalId,
    idNumber,
    name: personName,
    /** Absent for someone without a phone of their own, who is then shown by a linked guardian. */
    phone: z.optional(z.nullable(phone)),
    guardianIdNumber: z.optional(idNumber),
  }),
  'pcr-results': z.object({ externalId, idNumber, sampledAt: instant, reportedAt: instant, result: pcrResult, institution: boundedText(80) }),
  'antigen-results': z.object({
    externalId,
    idNumber,
    testedAt: instant,
    result: z.enum(['negative', 'positive']),
    institution: boundedText(80),
    kit: z.optional(boundedText(40)),
    lot: z.optional(boundedText(40)),
  }),
  vaccinations: z.object({
    externalId,
    idNumber,
    dose: z.int().check(z.minimum(1), z.maximum(10)),
    vaccinatedAt: day,
    product: boundedText(40),
    institution: boundedText(80),
  }),
  itinerary: z.object({ externalId, idNumber, city: boundedText(40), arrivedAt: instant, risk: z.boolean() }),
  'colour-decisions': z.object({ externalId, idNumber, colour: codeColour, reason: boundedText(200), decidedAt: instant }),
} as const satisfies Record<FeedScope, z.ZodMiniType>;
/** One line of feed S; for a union of scopes, a union of lines (not the intersection zod's infer would give). */
export type FeedLine<S extends FeedScope> = { [K in FeedScope]: z.infer<(typeof feedLines)[K]> }[S];

/** Why one line of a feed was not stored; the other lines are not affected. */
export const feedRejectionCode = z.enum([
  'malformed_json',
  'line_too_long',
  'invalid_field',
  'future_date',
  'unknown_citizen',
  'unknown_guardian',
  'phone_taken',
  'not_stored',
]);
export type FeedRejectionCode = z.infer<typeof feedRejectionCode>;

/** The rejected list names at most this many lines; `summary.rejected` counts them all. */
export const maxListedRejections = 1000;

export const feedResult = z.object({
  summary: z.object({ stored: z.int(), updated: z.int(), unchanged: z.int(), rejected: z.int() }),
  rejected: z.array(z.object({ line: z.int(), code: feedRejectionCode, message: z.string() })),
});
export type FeedResult = z.infer<typeof feedResult>;

export const feedEndpoints = {
  /** A provider's NDJSON feed (application/x-ndjson, one `feedLines[scope]` object a line), Bearer key. */
  postFeed: endpoint({ method: 'POST', path: '/feeds/:scope', body: undefined, response: feedResult }),
} as const;
