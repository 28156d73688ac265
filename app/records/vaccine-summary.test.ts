import { describe, expect, it } from 'vitest';
import type { Vaccination } from '../../core/contract/records.ts';
import { summariseVaccinations } from './vaccine-summary.ts';

function dose(n: number, id = `dose-${n}`): Vaccination {
  const month = String(n).padStart(2, '0');
  return { id, dose: n, date: `2021-${month}-15`, manufacturer: '北京生物', site: '徐汇区疫苗接种点' };
}

function doses(count: number): Vaccination[] {
  return Array.from({ length: count }, (_, i) => dose(i + 1));
}

describe('summariseVaccinations', () => {
  it('0 doses → none', () => {
    expect(summariseVaccinations([])).toEqual({ kind: 'none' });
  });

  it('1 dose → partial, 1 dose', () => {
    expect(summariseVaccinations(doses(1))).toEqual({ kind: 'partial', doses: 1 });
  });

  it('2 doses → complete primary course', () => {
    expect(summariseVaccinations(doses(2))).toEqual({ kind: 'complete' });
  });

  it('3 doses → 1 booster', () => {
    expect(summariseVaccinations(doses(3))).toEqual({ kind: 'booster', boosters: 1 });
  });

  it('4 doses → 2 boosters', () => {
    expect(summariseVaccinations(doses(4))).toEqual({ kind: 'booster', boosters: 2 });
  });

  it('counts each dose number once when records are duplicated', () => {
    expect(summariseVaccinations([dose(1, 'a'), dose(1, 'b')])).toEqual({ kind: 'partial', doses: 1 });
    expect(summariseVaccinations([dose(1), dose(2), dose(2, 'dup')])).toEqual({ kind: 'complete' });
    expect(summariseVaccinations([dose(3), dose(1), dose(2), dose(3, 'dup'), dose(1, 'dup')])).toEqual({ kind: 'booster', boosters: 1 });
  });
});
