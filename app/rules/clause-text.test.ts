import { beforeAll, describe, expect, it } from 'vitest';
import { clauseStateKey, clauseText, formatCountdown } from './clause-text.ts';
import { loadLanguage, translate } from '../i18n/translate.ts';

beforeAll(() => loadLanguage('en'));

describe('clause words', () => {
  it('names each clause with its window in both languages', () => {
    expect(clauseText('zh', { kind: 'pcr-negative', maxAgeHours: 48 })).toBe('48小时内核酸阴性');
    expect(clauseText('en', { kind: 'antigen-negative', maxAgeHours: 24 })).toBe('Negative antigen test within 24 h');
    expect(clauseText('zh', { kind: 'code-colour', allowed: ['green'] })).toBe('健康码为绿码');
  });
  it('says why an antigen of a level the clause does not accept fails it, naming a code that names no level', () => {
    expect(translate('zh', clauseStateKey({ kind: 'untrusted', at: 0, trust: 'self-review' }))).toBe('自测·待复核，暂不计入');
    expect(translate('en', clauseStateKey({ kind: 'untrusted', at: 0, trust: null }))).toBe('Source not stated: go online to refresh the code');
    expect(clauseStateKey({ kind: 'too-old', at: 0 })).toBe('rule.state.too-old');
  });
  it('counts down in hours past a day, never below zero', () => {
    expect(formatCountdown(27 * 3_600_000 + 5 * 60_000 + 9_999)).toBe('27:05:09');
    expect(formatCountdown(59_000)).toBe('0:00:59');
    expect(formatCountdown(-5)).toBe('0:00:00');
  });
});
