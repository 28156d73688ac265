import { describe, expect, it } from 'vitest';
import { checkProviderDraft, orderKeys } from './provider-form.ts';

describe('provider form', () => {
  it('accepts a lower-case identifier and a name, trimmed', () => {
    expect(checkProviderDraft({ id: ' minhang-lab ', name: ' 闵行检测所 ' })).toEqual({ ok: true, value: { id: 'minhang-lab', name: '闵行检测所' } });
  });

  it('names every wrong field', () => {
    expect(checkProviderDraft({ id: 'Lab_1', name: '' })).toEqual({ ok: false, errors: ['id', 'name'] });
    expect(checkProviderDraft({ id: '-lab', name: 'x' })).toEqual({ ok: false, errors: ['id'] });
    expect(checkProviderDraft({ id: 'lab', name: '名'.repeat(61) })).toEqual({ ok: false, errors: ['name'] });
  });

  it('puts active keys first, newest first', () => {
    const keys = [
      { id: 'old', createdAt: '2022-01-01', retiredAt: null },
      { id: 'gone', createdAt: '2022-03-01', retiredAt: '2022-03-02' },
      { id: 'new', createdAt: '2022-02-01', retiredAt: null },
    ];
    expect(orderKeys(keys).map((key) => key.id)).toEqual(['new', 'old', 'gone']);
  });
});
