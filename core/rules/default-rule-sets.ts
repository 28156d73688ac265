import type { RuleSet } from '../contract/records.ts';

/** The rules in force in Shanghai from 2 April 2022. Changing one means bumping its version. */
export const defaultRuleSets: readonly RuleSet[] = [
  {
    id: 'leave-shanghai',
    // 2: the antigen must come from a testing site or be a self-test whose kit, photo and strip checked out.
    version: 2,
    title: { zh: '离沪核验', en: 'Leaving Shanghai' },
    clauses: [
      { kind: 'pcr-negative', maxAgeHours: 48 },
      { kind: 'antigen-negative', maxAgeHours: 24, acceptedTrust: ['institution', 'self-verified'] },
    ],
  },
  {
    id: 'venue-entry',
    version: 1,
    title: { zh: '场所通行', en: 'Venue entry' },
    clauses: [
      { kind: 'code-colour', allowed: ['green'] },
      { kind: 'pcr-negative', maxAgeHours: 72 },
    ],
  },
];

export function ruleSetById(id: string): RuleSet {
  const found = defaultRuleSets.find((set) => set.id === id);
  if (!found) throw new Error(`no default rule set ${id}`);
  return found;
}
