import type { AntigenTest } from '../contract/antigen.ts';
import type { CodeColour } from '../contract/common.ts';
import type { PcrTest } from '../contract/records.ts';
import type { CredentialClaims } from '../crypto/health-code.ts';
import { trustFromLetter } from '../crypto/trust-letters.ts';
import type { Facts } from './evaluate.ts';

/**
 * The rule engine's facts from the records the API serves (the traveller check's source), each antigen
 * with its trust level. A negative self-test waiting for review is kept, marked so, for the screen to say
 * why it does not count; one a reviewer rejected is not a fact at all.
 */
export function factsFromRecords(colour: CodeColour | null, pcrTests: readonly PcrTest[], antigenTests: readonly AntigenTest[]): Facts {
  return {
    colour,
    pcr: pcrTests.map((test) => ({ result: test.result, at: Date.parse(test.sampledAt) })),
    antigen: antigenTests
      .filter((test) => test.review?.decision !== 'rejected')
      .map((test) => ({ result: test.result, at: Date.parse(test.testedAt), trust: test.trust })),
  };
}

/**
 * The rule engine's facts from a verified code, live or paper (the verifier's source): latest tests
 * only. An antigen without a level (a code signed before levels were carried) has no trust.
 */
export function factsFromClaims(claims: Pick<CredentialClaims, 'c' | 'p' | 'a'>): Facts {
  const result = (letter: 'n' | 'p') => (letter === 'n' ? ('negative' as const) : ('positive' as const));
  const antigen = claims.a ? [{ result: result(claims.a[0]), at: claims.a[1] * 1000, trust: trustFromLetter(claims.a[2]) }] : [];
  return { colour: claims.c, pcr: claims.p ? [{ result: result(claims.p[0]), at: claims.p[1] * 1000 }] : [], antigen };
}
