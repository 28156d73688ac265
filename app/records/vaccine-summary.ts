import type { Vaccination } from '../../core/contract/records.ts';

/** Two doses of the inactivated vaccines used in Shanghai in 2022 made a full primary course. */
const primaryCourseDoses = 2;

export type VaccineSummary =
  | { kind: 'none' }
  | { kind: 'partial'; doses: number }
  | { kind: 'complete' }
  | { kind: 'booster'; boosters: number };

export function summariseVaccinations(vaccinations: readonly Vaccination[]): VaccineSummary {
  const doses = new Set(vaccinations.map((v) => v.dose)).size;
  if (doses === 0) return { kind: 'none' };
  if (doses < primaryCourseDoses) return { kind: 'partial', doses };
  if (doses === primaryCourseDoses) return { kind: 'complete' };
  return { kind: 'booster', boosters: doses - primaryCourseDoses };
}
