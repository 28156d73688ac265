/**
 * What the staff verifier decides about one scanned text, offline: the code's two signatures and
 * its freshness (app/crypto/health-code.ts), then the chosen rule set over the credential's facts.
 * The answer holds the masked name and nothing else about the person.
 */
import type { RuleSet } from '../../api/contract.ts';
import { readHealthCode, type CodeRefusal } from '../../crypto/health-code.ts';
import type { KeyLookup } from '../../crypto/signed-token.ts';
import { evaluate, type Evaluation } from '../../rules/evaluate.ts';
import { factsFromClaims } from '../../rules/facts.ts';

export type Verification =
  | { kind: 'checked'; maskedName: string; evaluation: Evaluation }
  | { kind: 'refused'; reason: CodeRefusal };

export async function verifyHealthCode(text: string, lookup: KeyLookup, ruleSet: RuleSet, now: number): Promise<Verification> {
  const read = await readHealthCode(text, lookup, now);
  if (!read.ok) return { kind: 'refused', reason: read.reason };
  return { kind: 'checked', maskedName: read.claims.n, evaluation: evaluate(ruleSet, factsFromClaims(read.claims), now) };
}
