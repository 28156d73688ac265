/**
 * Issues the signed health credential a device shows as its QR. Stateless: the credential is
 * recomputed from the records at each request, bound to the device key the request names, and lives
 * at most 24 h or until one of its facts leaves the widest window any served rule set looks at.
 */
import type { AntigenTest, PcrTest, RuleSet } from '../../app/api/contract.ts';
import type { CredentialClaims } from '../../app/crypto/health-code.ts';

const hour = 60 * 60 * 1000;
export const maxCredentialLifetimeMs = 24 * hour;

interface CredentialInput {
  subject: string;
  maskedName: string;
  colour: CredentialClaims['c'];
  pcrTests: readonly PcrTest[];
  antigenTests: readonly AntigenTest[];
  doses: number;
  /** The device's public key, raw uncompressed point, base64url. */
  deviceKey: string;
  ruleSets: readonly RuleSet[];
  now: number;
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

export function credentialClaimsFor(input: CredentialInput): CredentialClaims {
  const pcr = newest(input.pcrTests, (test) => Date.parse(test.sampledAt));
  const antigen = newest(
    input.antigenTests.filter((test) => test.result !== 'invalid'),
    (test) => Date.parse(test.testedAt),
  );
  let expires = input.now + maxCredentialLifetimeMs;
  // A negative stops counting when it leaves the widest window; a lapse already past changes nothing.
  const lapses = [
    pcr?.result === 'negative' ? Date.parse(pcr.sampledAt) + widestWindowMs(input.ruleSets, 'pcr-negative') : null,
    antigen?.result === 'negative' ? Date.parse(antigen.testedAt) + widestWindowMs(input.ruleSets, 'antigen-negative') : null,
  ];
  for (const lapse of lapses) if (lapse !== null && lapse > input.now) expires = Math.min(expires, lapse);

  return {
    t: 'cred',
    s: input.subject,
    n: input.maskedName,
    c: input.colour,
    p: pcr ? [pcr.result === 'negative' ? 'n' : 'p', seconds(Date.parse(pcr.sampledAt))] : null,
    a: antigen ? [antigen.result === 'negative' ? 'n' : 'p', seconds(Date.parse(antigen.testedAt))] : null,
    d: input.doses,
    k: input.deviceKey,
    iat: seconds(input.now),
    exp: seconds(expires),
  };
}
