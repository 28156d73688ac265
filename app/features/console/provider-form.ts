/** The add-a-provider form: an identifier keys the provider's API, a name is what people read. */
export interface ProviderDraft {
  id: string;
  name: string;
}
export type ProviderFieldError = 'id' | 'name';

const providerIdPattern = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;
const maxNameLength = 60;

/** The draft trimmed, or the fields that are wrong (every one of them, so all show at once). */
export function checkProviderDraft(draft: ProviderDraft): { ok: true; value: ProviderDraft } | { ok: false; errors: ProviderFieldError[] } {
  const value = { id: draft.id.trim(), name: draft.name.trim() };
  const errors: ProviderFieldError[] = [];
  if (value.id.length < 2 || !providerIdPattern.test(value.id)) errors.push('id');
  if (value.name.length === 0 || value.name.length > maxNameLength) errors.push('name');
  return errors.length === 0 ? { ok: true, value } : { ok: false, errors };
}

/** Active keys first, newest first; retired ones after, so the key in use is the one on top. */
export function orderKeys<K extends { createdAt: string; retiredAt: string | null }>(keys: readonly K[]): K[] {
  return [...keys].sort((a, b) => Number(a.retiredAt !== null) - Number(b.retiredAt !== null) || b.createdAt.localeCompare(a.createdAt));
}
