/** Query keys of the place-code check-ins; a sync invalidates `all` so every screen shows the new state. */
export const venueScanKeys = {
  all: () => ['venue-scan'] as const,
  checkIn: (id: string) => ['venue-scan', 'check-in', id] as const,
  history: (citizenId: string) => ['venue-scan', 'history', citizenId] as const,
};
