/** The add-a-provider form: a name that keys the provider's API, and what it may send. */
import type { operatorProvider } from '../../../core/contract/console.ts';
import { addProviderBody } from '../../../core/contract/console.ts';
import type * as z from 'zod/mini';
import type { ProviderScope } from '../../../core/contract/feeds.ts';

export interface ProviderDraft {
  name: string;
  scopes: readonly ProviderScope[];
}
export type ProviderFieldError = 'name' | 'scopes';

/** The body to send, or every wrong field (so all show at once); the contract's own schema decides. */
export function checkProviderDraft(draft: ProviderDraft): { ok: true; value: z.output<typeof addProviderBody> } | { ok: false; errors: ProviderFieldError[] } {
  const parsed = addProviderBody.safeParse({ name: draft.name, scopes: [...draft.scopes] });
  if (parsed.success) return { ok: true, value: parsed.data };
  const fields = new Set(parsed.error.issues.map((issue) => issue.path[0]));
  return { ok: false, errors: (['name', 'scopes'] as const).filter((field) => fields.has(field)) };
}

type Provider = z.infer<typeof operatorProvider>;

/** Providers whose key works first, by name; revoked ones after, so what is live is on top. */
export function orderProviders(providers: readonly Provider[]): Provider[] {
  return [...providers].sort((a, b) => Number(a.revokedAt !== null) - Number(b.revokedAt !== null) || a.name.localeCompare(b.name));
}
