import { describe, expect, it } from 'vitest';
import { loadLanguage, translate } from './translate.ts';

describe('translate', () => {
  it('fills in values', () => {
    expect(translate('zh', 'sync.synced', { age: '刚刚' })).toBe('已同步 刚刚');
  });

  it('reads English only once its catalog is loaded, and Chinese, not a bare key, before', async () => {
    expect(translate('en', 'app.title')).toBe(translate('zh', 'app.title'));
    await loadLanguage('en');
    expect(translate('en', 'app.title')).toBe('Suishenma');
  });

  it('picks the English form for one and for more, by Intl.PluralRules', async () => {
    await loadLanguage('en');
    expect(translate('en', 'verify.count', { n: 1 })).toBe('1 check on this device');
    expect(translate('en', 'verify.count', { n: 2 })).toBe('2 checks on this device');
    expect(translate('en', 'verify.count', { n: 0 })).toBe('0 checks on this device');
    expect(translate('en', 'vaccine.summary.partial', { n: 1 })).toBe('1 dose received');
    expect(translate('en', 'vaccine.summary.booster', { n: 2 })).toBe('Fully vaccinated · 2 boosters');
  });

  it('keeps the one Chinese form for any number', () => {
    expect(translate('zh', 'verify.count', { n: 1 })).toBe('本机已核验 1 次');
    expect(translate('zh', 'verify.count', { n: 2 })).toBe('本机已核验 2 次');
    expect(translate('zh', 'vaccine.summary.booster', { n: 1 })).toBe('已完成全程接种 · 加强 1 剂');
  });
});
