/** The citizen's records (vaccination, PCR, itinerary) and the declarative rule sets evaluated over them. */
import * as z from 'zod/mini';
import { antigenTrust } from './antigen.ts';
import { codeColour, day, endpoint, instant } from './common.ts';

export const vaccination = z.object({
  id: z.string(),
  dose: z.int().check(z.minimum(1)),
  date: day,
  manufacturer: z.string(),
  site: z.string(),
});
export type Vaccination = z.infer<typeof vaccination>;

export const pcrResult = z.enum(['negative', 'positive']);
export const pcrTest = z.object({
  id: z.string(),
  sampledAt: instant,
  reportedAt: z.nullable(instant),
  result: pcrResult,
  institution: z.string(),
});
export type PcrTest = z.infer<typeof pcrTest>;

export const itineraryStop = z.object({
  id: z.string(),
  city: z.string(),
  date: day,
  risk: z.boolean(),
});
export type ItineraryStop = z.infer<typeof itineraryStop>;

/** A clause of a declarative rule set; the rule engine evaluates these, the server only serves them. */
export const ruleClause = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('code-colour'), allowed: z.array(codeColour).check(z.minLength(1)) }),
  z.object({ kind: z.literal('pcr-negative'), maxAgeHours: z.number().check(z.positive()) }),
  z.object({
    kind: z.literal('antigen-negative'),
    maxAgeHours: z.number().check(z.positive()),
    /**
     * The trust levels whose negative this clause accepts; absent, any but self-review. A code that
     * names no level (signed before levels were carried) meets only a clause without this list.
     */
    acceptedTrust: z.optional(z.array(antigenTrust).check(z.minLength(1))),
  }),
]);
export type RuleClause = z.infer<typeof ruleClause>;

export const ruleSet = z.object({
  id: z.string().check(z.regex(/^[a-z0-9-]+$/)),
  version: z.int().check(z.minimum(1)),
  title: z.object({ zh: z.string(), en: z.string() }),
  clauses: z.array(ruleClause).check(z.minLength(1)),
});
export type RuleSet = z.infer<typeof ruleSet>;

export const recordEndpoints = {
  vaccinations: endpoint({
    method: 'GET',
    path: '/citizens/:citizenId/vaccinations',
    body: undefined,
    response: z.object({ vaccinations: z.array(vaccination) }),
  }),
  pcrTests: endpoint({
    method: 'GET',
    path: '/citizens/:citizenId/pcr-tests',
    body: undefined,
    response: z.object({ pcrTests: z.array(pcrTest) }),
  }),
  itinerary: endpoint({
    method: 'GET',
    path: '/citizens/:citizenId/itinerary',
    body: undefined,
    response: z.object({ stops: z.array(itineraryStop) }),
  }),
  ruleSets: endpoint({
    method: 'GET',
    path: '/rule-sets',
    body: undefined,
    response: z.object({ ruleSets: z.array(ruleSet) }),
  }),
} as const;
