import { describe, expect, it } from 'vitest';
import { checkProviderDraft, orderProviders } from './provider-form.ts';

describe('provider form', () => {
  it('accepts a lower-case name with at least one scope, trimmed', () => {
    expect(checkProviderDraft({ name: ' minhang-lab ', scopes: ['pcr-results'] })).toEqual({ ok: true, value: { name: 'minhang-lab', scopes: ['pcr-results'] } });
  });

  it('names every wrong field', () => {
    expect(checkProviderDraft({ name: 'Lab_1', scopes: [] })).toEqual({ ok: false, errors: ['name', 'scopes'] });
    expect(checkProviderDraft({ name: '-lab', scopes: ['pcr-results'] })).toEqual({ ok: false, errors: ['name'] });
  });

  it('puts live providers first, by name', () => {
    const provider = (name: string, revokedAt: string | null) => ({ name, scopes: [], createdAt: '2022-01-01T00:00:00Z', revokedAt });
    expect(orderProviders([provider('b', null), provider('a', '2022-02-01T00:00:00Z'), provider('c', null)]).map((p) => p.name)).toEqual(['b', 'c', 'a']);
  });
});
