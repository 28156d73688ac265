/**
 * An antigen result's trust level as the one letter a signed code carries (health-code.ts): the server
 * writes it, readers turn it back. Apart from health-code.ts so that the phone's first load, which only
 * shows codes, does not carry it.
 */
import type { AntigenTrust } from '../contract/antigen.ts';

export const trustLetters = { institution: 'i', 'self-verified': 'v', 'self-review': 'r' } as const satisfies Record<AntigenTrust, string>;

/** The level a letter names; undefined for a code that names none. */
export function trustFromLetter(letter: string | undefined): AntigenTrust | undefined {
  return (Object.keys(trustLetters) as AntigenTrust[]).find((trust) => trustLetters[trust] === letter);
}
