import type { OperatorRole } from '../../../core/contract/console.ts';

/** The console's sections, which role sees which, and which one an address opens. */
export const consoleSections = ['venues', 'kiosks', 'review', 'providers', 'audit'] as const;
export type ConsoleSection = (typeof consoleSections)[number];

/** Providers and their keys are city-wide: a district operator's console leaves them out. */
export function sectionsFor(role: OperatorRole): ConsoleSection[] {
  return consoleSections.filter((section) => role === 'city-admin' || section !== 'providers');
}

/** `/console` opens the first section; an unknown or forbidden one falls back to it rather than to a blank page. */
export function sectionOf(pathname: string, role: OperatorRole): ConsoleSection {
  const allowed = sectionsFor(role);
  const wanted = pathname.split('/').filter(Boolean)[1];
  return allowed.find((section) => section === wanted) ?? allowed[0] ?? 'venues';
}

export const sectionPath = (section: ConsoleSection) => `/console/${section}`;
