/** Data providers' NDJSON feeds: their scopes, one schema a line, and the per-line result. */
import * as z from 'zod/mini';
import { boundedText, codeColour, day, endpoint, instant, personName, phone } from './common.ts';
import { guardian, oneGuardian, onePerson, person } from './person.ts';
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
 * person is matched by their document (type, country and number), checked by its type's rule.
 */
export const feedLines = {
  citizens: z
    .object({
      externalId,
      ...person,
      /** As the document writes it: Chinese characters, or a passport's Latin name. */
      name: personName,
      /** Absent for someone without a phone of their own, who is then shown by a linked guardian. */
      phone: z.optional(z.nullable(phone)),
      ...guardian,
    })
    .check(onePerson, oneGuardian),
  'pcr-results': z
    .object({ externalId, ...person, sampledAt: instant, reportedAt: instant, result: pcrResult, institution: boundedText(80) })
    .check(onePerson),
  'antigen-results': z
    .object({
    externalId,
    ...person,
    testedAt: instant,
    result: z.enum(['negative', 'positive']),
    institution: boundedText(80),
    kit: z.optional(boundedText(40)),
    lot: z.optional(boundedText(40)),
  })
    .check(onePerson),
  vaccinations: z
    .object({
    externalId,
    ...person,
    dose: z.int().check(z.minimum(1), z.maximum(10)),
    vaccinatedAt: day,
    product: boundedText(40),
    institution: boundedText(80),
  })
    .check(onePerson),
  itinerary: z.object({ externalId, ...person, city: boundedText(40), arrivedAt: instant, risk: z.boolean() }).check(onePerson),
  'colour-decisions': z.object({ externalId, ...person, colour: codeColour, reason: boundedText(200), decidedAt: instant }).check(onePerson),
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
