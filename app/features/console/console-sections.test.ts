import { describe, expect, it } from 'vitest';
import { sectionOf, sectionsFor } from './console-sections.ts';

describe('console sections', () => {
  it('shows providers to a city administrator only', () => {
    expect(sectionsFor('city-admin')).toContain('providers');
    expect(sectionsFor('district-operator')).toEqual(['venues', 'kiosks', 'review', 'audit']);
  });

  it('opens the section the address names, else the first one allowed', () => {
    expect(sectionOf('/console/kiosks', 'district-operator')).toBe('kiosks');
    expect(sectionOf('/console', 'district-operator')).toBe('venues');
    expect(sectionOf('/console/nothing', 'city-admin')).toBe('venues');
    expect(sectionOf('/console/providers', 'district-operator')).toBe('venues');
    expect(sectionOf('/console/providers', 'city-admin')).toBe('providers');
  });
});
