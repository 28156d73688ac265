/** Query keys for everything the server knows about a citizen; mutations invalidate with these. */
export const recordKeys = {
  all: () => ['records'] as const,
  me: () => ['records', 'me'] as const,
  citizen: (citizenId: string) => ['records', 'citizen', citizenId] as const,
  vaccinations: (citizenId: string) => ['records', 'citizen', citizenId, 'vaccinations'] as const,
  pcrTests: (citizenId: string) => ['records', 'citizen', citizenId, 'pcr-tests'] as const,
  antigenTests: (citizenId: string) => ['records', 'citizen', citizenId, 'antigen-tests'] as const,
  itinerary: (citizenId: string) => ['records', 'citizen', citizenId, 'itinerary'] as const,
  ruleSets: () => ['rule-sets'] as const,
  signingKeys: () => ['signing-keys'] as const,
  /**
   * The signed credential. Persisted with the query cache like the records, and also kept in the
   * `credentials` store, which shows the code offline until the credential expires.
   */
  credential: (citizenId: string) => ['credential', citizenId] as const,
};
