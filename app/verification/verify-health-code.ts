/**
 * What a checker (the staff verifier, the 数字哨兵 kiosk) decides about one scanned text, offline: the code's
 * two signatures and its freshness, in either code format (core/crypto/read-health-code.ts), its subject
 * against the revocation list, then the chosen rule set over the credential's facts.
 * The answer holds the masked name and the signed facts a rule reads (colour, latest tests, doses), and
 * nothing else about the person, except on a paper code: its masked ID number, for staff to compare with
 * the holder's ID card. The subject id is there for the kiosk to log a visit; no screen shows it.
 */
import type { CodeColour } from '../../core/contract/common.ts';
import type { DocumentType } from '../../core/identity/documents.ts';
import { readPaperId } from '../../core/identity/paper-id.ts';
import type { RuleSet } from '../../core/contract/records.ts';
import { codePrefix, compactPrefix, type CodeRefusal } from '../../core/crypto/health-code.ts';
import { readHealthCode } from '../../core/crypto/read-health-code.ts';
import type { KeyLookup } from '../../core/crypto/signed-token.ts';
import { evaluate, type Evaluation, type TestFact } from '../../core/rules/evaluate.ts';
import { factsFromClaims } from '../../core/rules/facts.ts';
import type { HeldRevocations } from '../offline/revocation-store.ts';
import { mayBeRevoked } from './revocation-check.ts';

/** A phone's or a paper health code, in either format, by its shape: what a frame holding several codes is searched for. */
export const isHealthCodeText = (text: string): boolean => {
  const trimmed = text.trim();
  return trimmed.startsWith(`${codePrefix}~`) || trimmed.startsWith(compactPrefix);
};

/** What a paper code adds, since nothing shows it is held by the person it names. */
export interface PaperDetails {
  maskedIdNumber: string;
  /** Which document to check it against (core/identity/paper-id.ts): a resident ID on every older paper code. */
  document: { type: DocumentType; country?: string };
  printedAt: number;
  validUntil: number;
}

/** What the code signs about its holder, for the screen: the latest test of each kind as the rules read it. */
export interface HolderFacts {
  colour: CodeColour;
  pcr: TestFact | null;
  antigen: TestFact | null;
  doses: number;
}

export type Verification =
  | { kind: 'checked'; subject: string; maskedName: string; facts: HolderFacts; evaluation: Evaluation; paper: PaperDetails | null }
  | { kind: 'refused'; reason: CodeRefusal }
  /** The list says the code may predate a change of its holder's colour: asked again, never shown red. */
  | { kind: 'recheck' };

export async function verifyHealthCode(
  text: string,
  lookup: KeyLookup,
  ruleSet: RuleSet,
  now: number,
  revocations: HeldRevocations | null = null,
): Promise<Verification> {
  const read = await readHealthCode(text, lookup, now);
  if (!read.ok) return { kind: 'refused', reason: read.reason };
  // Maybe signed before its holder's colour changed: the colour it shows may no longer be theirs. A
  // truncated hash may be someone else's, so the holder is asked for a fresh code, not turned away.
  if (await mayBeRevoked(revocations, read.claims)) return { kind: 'recheck' };
  const printed = read.kind === 'paper' ? readPaperId(read.claims.i) : null;
  const paper =
    read.kind === 'paper' && printed
      ? {
          maskedIdNumber: printed.maskedNumber,
          document: { type: printed.type, ...(printed.country ? { country: printed.country } : {}) },
          printedAt: read.claims.iat * 1000,
          validUntil: read.claims.exp * 1000,
        }
      : null;
  const facts = factsFromClaims(read.claims);
  const holder = { colour: read.claims.c, pcr: facts.pcr[0] ?? null, antigen: facts.antigen[0] ?? null, doses: read.claims.d };
  return { kind: 'checked', subject: read.claims.s, maskedName: read.claims.n, facts: holder, evaluation: evaluate(ruleSet, facts, now), paper };
}
