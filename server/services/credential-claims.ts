/**
 * Issues the signed claims behind every health code. Stateless: they are recomputed from the records
 * at each request.
 * - A phone's credential is bound to the device key the request names, and lives at most 24 h or
 *   until one of its facts leaves the widest window any served rule set looks at.
 * - A paper code (纸质码) has no device to bind, so it lives a fixed 72 h from printing. That is long
 *   enough that a relative prints it twice a week, and short enough that a colour changed since
 *   stops showing on paper within three days. Test ages are judged at the scan, not at printing.
 */
import { antigenCounts, type AntigenTest } from '../../core/contract/antigen.ts';
import { credentialLifetimeHours, paperCodeLifetimeDays } from '../../core/contract/codes.ts';
import type { PcrTest, RuleSet } from '../../core/contract/records.ts';
import type { CredentialClaims, PaperClaims } from '../../core/crypto/health-code.ts';
import { trustLetters } from '../../core/crypto/trust-letters.ts';

const hour = 60 * 60 * 1000;
export const maxCredentialLifetimeMs = credentialLifetimeHours * hour;
export const paperCodeLifetimeMs = paperCodeLifetimeDays * 24 * hour;

interface HolderInput {
  subject: string;
  maskedName: string;
  colour: CredentialClaims['c'];
  pcrTests: readonly PcrTest[];
  antigenTests: readonly AntigenTest[];
  doses: number;
  now: number;
}

interface CredentialInput extends HolderInput {
  /** The device's public key, raw uncompressed point, base64url. */
  deviceKey: string;
  ruleSets: readonly RuleSet[];
}

function widestWindowMs(ruleSets: readonly RuleSet[], kind: 'pcr-negative' | 'antigen-negative'): number {
  let widest = 0;
  for (const set of ruleSets) for (const clause of set.clauses) if (clause.kind === kind) widest = Math.max(widest, clause.maxAgeHours * hour);
  return widest;
}

function newest<T>(items: readonly T[], at: (item: T) => number): T | undefined {
  return items.reduce<T | undefined>((best, item) => (!best || at(item) > at(best) ? item : best), undefined);
}

const seconds = (ms: number) => Math.floor(ms / 1000);

function latestTests(input: HolderInput) {
  return {
    pcr: newest(input.pcrTests, (test) => Date.parse(test.sampledAt)),
    antigen: newest(
      // A self-test waiting for review is left out, so the signed code does not carry it to a verifier.
      input.antigenTests.filter((test) => test.result !== 'invalid' && antigenCounts(test)),
      (test) => Date.parse(test.testedAt),
    ),
  };
}

/** The claims a live code and a paper code share, valid until `expires`. */
function holderClaims(input: HolderInput, expires: number): Omit<CredentialClaims, 't' | 'k'> {
  const { pcr, antigen } = latestTests(input);
  return {
    s: input.subject,
    n: input.maskedName,
    c: input.colour,
    p: pcr ? [pcr.result === 'negative' ? 'n' : 'p', seconds(Date.parse(pcr.sampledAt))] : null,
    a: antigen ? [antigen.result === 'negative' ? 'n' : 'p', seconds(Date.parse(antigen.testedAt)), trustLetters[antigen.trust]] : null,
    d: input.doses,
    iat: seconds(input.now),
    exp: seconds(expires),
  };
}

export function credentialClaimsFor(input: CredentialInput): CredentialClaims {
  const { pcr, antigen } = latestTests(input);
  let expires = input.now + maxCredentialLifetimeMs;
  // A negative stops counting when it leaves the widest window; a lapse already past changes nothing.
  const lapses = [
    pcr?.result === 'negative' ? Date.parse(pcr.sampledAt) + widestWindowMs(input.ruleSets, 'pcr-negative') : null,
    antigen?.result === 'negative' ? Date.parse(antigen.testedAt) + widestWindowMs(input.ruleSets, 'antigen-negative') : null,
  ];
  for (const lapse of lapses) if (lapse !== null && lapse > input.now) expires = Math.min(expires, lapse);

  return { t: 'cred', ...holderClaims(input, expires), k: input.deviceKey };
}

export function paperClaimsFor(input: HolderInput & { maskedIdNumber: string }): PaperClaims {
  return { t: 'paper', ...holderClaims(input, input.now + paperCodeLifetimeMs), i: input.maskedIdNumber };
}
