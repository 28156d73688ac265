/** The relatives a household lost between two answers of `/me`: unlinked here, elsewhere, or by the relative herself. */
export function removedDependants(before: readonly { id: string }[], after: readonly { id: string }[]): string[] {
  const kept = new Set(after.map((person) => person.id));
  return before.filter((person) => !kept.has(person.id)).map((person) => person.id);
}
