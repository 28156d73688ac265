import { describe, expect, it } from 'vitest';
import { removedDependants } from './removed-dependants.ts';

describe('removedDependants', () => {
  it('names the relatives gone from the household, and none who were added or stayed', () => {
    const before = [{ id: 'demo-f' }, { id: 'demo-e' }];
    expect(removedDependants(before, [{ id: 'demo-e' }, { id: 'demo-h' }])).toEqual(['demo-f']);
    expect(removedDependants(before, before)).toEqual([]);
    expect(removedDependants([], before)).toEqual([]);
    expect(removedDependants(before, [])).toEqual(['demo-f', 'demo-e']);
  });
});
