/**
 * What the staff verifier decides about one scanned text, offline: the code's two signatures and
 * its freshness, in either code format (core/crypto/read-health-code.ts), its subject against the revocation
 * list, then the chosen rule set over the credential's facts.
 * The answer holds the masked name and nothing else about the person, except on a paper code: its
 * masked ID number, for staff to compare with the holder's ID card.
 */
import type { RuleSet } from '../../../core/contract.ts';
import type { CodeRefusal } from '../../../core/crypto/health-code.ts';
import { readHealthCode } from '../../../core/crypto/read-health-code.ts';
import type { KeyLookup } from '../../../core/crypto/signed-token.ts';
import { evaluate, type Evaluation, type Facts } from '../../../core/rules/evaluate.ts';
import { factsFromClaims } from '../../../core/rules/facts.ts';
import type { HeldRevocations } from '../../offline/revocation-store.ts';
import { issuedBeforeChange } from './revocation-check.ts';

/** What a paper code adds, since nothing shows it is held by the person it names. */
export interface PaperDetails {
  maskedIdNumber: string;
  printedAt: number;
  validUntil: number;
}

export type Verification =
  | { kind: 'checked'; maskedName: string; facts: Facts; evaluation: Evaluation; paper: PaperDetails | null }
  | { kind: 'refused'; reason: CodeRefusal | 'revoked' };

export async function verifyHealthCode(
  text: string,
  lookup: KeyLookup,
  ruleSet: RuleSet,
  now: number,
  revocations: HeldRevocations | null = null,
): Promise<Verification> {
  const read = await readHealthCode(text, lookup, now);
  if (!read.ok) return { kind: 'refused', reason: read.reason };
  // Signed before its holder's colour changed: the colour it shows may no longer be theirs.
  if (await issuedBeforeChange(revocations, read.claims)) return { kind: 'refused', reason: 'revoked' };
  const paper = read.kind === 'paper' ? { maskedIdNumber: read.claims.i, printedAt: read.claims.iat * 1000, validUntil: read.claims.exp * 1000 } : null;
  const facts = factsFromClaims(read.claims);
  return { kind: 'checked', maskedName: read.claims.n, facts, evaluation: evaluate(ruleSet, facts, now), paper };
}
