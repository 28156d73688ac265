import { antigenCounts, type AntigenTest, type CodeColour, type PcrTest } from '../contract.ts';
import type { CredentialClaims } from '../crypto/health-code.ts';
import type { Facts } from './evaluate.ts';

/** The rule engine's facts from the records the API serves (the traveller check's source); a self-test waiting for review is not one. */
export function factsFromRecords(colour: CodeColour | null, pcrTests: readonly PcrTest[], antigenTests: readonly AntigenTest[]): Facts {
  return {
    colour,
    pcr: pcrTests.map((test) => ({ result: test.result, at: Date.parse(test.sampledAt) })),
    antigen: antigenTests.filter(antigenCounts).map((test) => ({ result: test.result, at: Date.parse(test.testedAt) })),
  };
}

/** The rule engine's facts from a verified code, live or paper (the verifier's source): latest tests only. */
export function factsFromClaims(claims: Pick<CredentialClaims, 'c' | 'p' | 'a'>): Facts {
  const fact = (test: CredentialClaims['p']) => (test ? [{ result: test[0] === 'n' ? ('negative' as const) : ('positive' as const), at: test[1] * 1000 }] : []);
  return { colour: claims.c, pcr: fact(claims.p), antigen: fact(claims.a) };
}
