import { describe, expect, it } from 'vitest';
import { consoleEn, consoleZh } from '../../i18n/console-messages.ts';
import { fillMessage } from '../../i18n/translate.ts';
import { auditLine } from './audit-line.ts';

const say = (entry: Parameters<typeof auditLine>[0], language: 'zh' | 'en') => {
  const { key, values } = auditLine(entry);
  return fillMessage(language, (language === 'zh' ? consoleZh : consoleEn)[key], values);
};

describe('audit line', () => {
  it('says a known action in both languages', () => {
    expect(say({ action: 'venue.approve', target: '31000001' }, 'zh')).toBe('核实场所 31000001');
    expect(say({ action: 'kiosk.suspend', target: 'k1' }, 'en')).toBe('Suspended sentinel k1');
  });

  it('keeps an action it does not know as the server names it', () => {
    expect(say({ action: 'operator.add', target: 'x' }, 'en')).toBe('operator.add x');
    expect(say({ action: 'KIOSK_SET_TYPED_ID', target: 'k2' }, 'zh')).toBe('更改数字哨兵 k2 的手工输入设置');
  });
});
