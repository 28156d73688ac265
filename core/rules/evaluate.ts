/**
 * The one rule engine: a declarative rule set (served by the API) against a citizen's facts at an
 * instant. Pure, so the traveller check and the verifier give the same answer for the same facts.
 * Ages count from sampling (PCR) or test (antigen) time; a boundary is inclusive to the millisecond,
 * so 47:59:59 and 48:00:00 pass and 48:00:01 fails. Instants are epoch milliseconds: the device's
 * time zone cannot enter.
 */
import type { AntigenTrust } from '../contract/antigen.ts';
import type { CodeColour } from '../contract/common.ts';
import type { RuleClause, RuleSet } from '../contract/records.ts';

const hour = 60 * 60 * 1000;

export interface TestFact {
  result: 'negative' | 'positive' | 'invalid';
  /** Sampling time of a PCR, test time of an antigen self-test, epoch ms. */
  at: number;
  /** How an antigen result was established; absent for a PCR and for a code that names no level. */
  trust?: AntigenTrust | undefined;
}

export interface Facts {
  colour: CodeColour | null;
  pcr: readonly TestFact[];
  antigen: readonly TestFact[];
}

/** Why a clause holds or not; the screens turn each into words. */
export type ClauseState =
  | { kind: 'met'; lapsesAt: number | null }
  | { kind: 'missing' }
  | { kind: 'too-old'; at: number }
  | { kind: 'positive'; at: number }
  /** The newest negative in the window is of a trust level the clause does not accept (null: the code names none). */
  | { kind: 'untrusted'; at: number; trust: AntigenTrust | null }
  | { kind: 'colour'; colour: CodeColour | null };

export interface ClauseOutcome {
  clause: RuleClause;
  state: ClauseState;
}

export interface Evaluation {
  pass: boolean;
  clauses: ClauseOutcome[];
  failing: ClauseOutcome[];
  /** When a pass stops being one (the earliest clause to lapse); null for a fail or a pass that never lapses. */
  lapsesAt: number | null;
}

/** The decisive test: the newest one that says something (an invalid antigen counts for nothing). */
function newestDecisive(tests: readonly TestFact[]): TestFact | undefined {
  let newest: TestFact | undefined;
  for (const test of tests) {
    if (test.result === 'invalid') continue;
    if (!newest || test.at > newest.at) newest = test;
  }
  return newest;
}

function negativeWithin(tests: readonly TestFact[], maxAgeHours: number, at: number): ClauseState {
  const newest = newestDecisive(tests);
  if (!newest) return { kind: 'missing' };
  if (newest.result === 'positive') return { kind: 'positive', at: newest.at };
  const lapsesAt = newest.at + maxAgeHours * hour;
  return at <= lapsesAt ? { kind: 'met', lapsesAt } : { kind: 'too-old', at: newest.at };
}

type AntigenClause = Extract<RuleClause, { kind: 'antigen-negative' }>;

/**
 * Whether an antigen result may decide the clause. A positive always may: what says positive is never set
 * aside. A negative needs a level the clause accepts; without a list, any but a self-test waiting for review.
 */
function admissible(test: TestFact, clause: AntigenClause): boolean {
  if (test.result === 'positive') return true;
  if (!clause.acceptedTrust) return test.trust !== 'self-review';
  return test.trust !== undefined && clause.acceptedTrust.includes(test.trust);
}

function antigenNegative(clause: AntigenClause, tests: readonly TestFact[], at: number): ClauseState {
  const state = negativeWithin(
    tests.filter((test) => admissible(test, clause)),
    clause.maxAgeHours,
    at,
  );
  if (state.kind === 'met' || state.kind === 'positive') return state;
  // Say why a negative that would have met the clause does not, rather than that there is none.
  const shut = newestDecisive(tests.filter((test) => test.result === 'negative' && !admissible(test, clause)));
  if (shut && at <= shut.at + clause.maxAgeHours * hour && (state.kind === 'missing' || (state.kind === 'too-old' && shut.at > state.at))) {
    return { kind: 'untrusted', at: shut.at, trust: shut.trust ?? null };
  }
  return state;
}

function evaluateClause(clause: RuleClause, facts: Facts, at: number): ClauseState {
  switch (clause.kind) {
    case 'code-colour':
      return facts.colour && clause.allowed.includes(facts.colour) ? { kind: 'met', lapsesAt: null } : { kind: 'colour', colour: facts.colour };
    case 'pcr-negative':
      return negativeWithin(facts.pcr, clause.maxAgeHours, at);
    case 'antigen-negative':
      return antigenNegative(clause, facts.antigen, at);
  }
}

export function evaluate(ruleSet: RuleSet, facts: Facts, at: number): Evaluation {
  const clauses = ruleSet.clauses.map((clause) => ({ clause, state: evaluateClause(clause, facts, at) }));
  const failing = clauses.filter((outcome) => outcome.state.kind !== 'met');
  const pass = failing.length === 0;
  let lapsesAt: number | null = null;
  if (pass) {
    for (const { state } of clauses) {
      if (state.kind === 'met' && state.lapsesAt !== null) lapsesAt = lapsesAt === null ? state.lapsesAt : Math.min(lapsesAt, state.lapsesAt);
    }
  }
  return { pass, clauses, failing, lapsesAt };
}
