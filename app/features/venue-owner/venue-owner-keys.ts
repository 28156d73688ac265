export const venueOwnerKeys = {
  all: () => ['venue-owner'] as const,
  mine: () => ['venue-owner', 'mine'] as const,
  venue: (number: string) => ['venue-owner', 'venue', number] as const,
  kiosks: (number: string) => ['venue-owner', 'venue', number, 'kiosks'] as const,
};
