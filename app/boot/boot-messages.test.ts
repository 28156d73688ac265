import { describe, expect, it } from 'vitest';
import { en } from '../i18n/messages-en.ts';
import { zh } from '../i18n/messages.ts';
import { bootMessages, bootText } from './boot-messages.ts';

describe('the boot module’s messages', () => {
  it('are the catalogue’s own text, in both languages', () => {
    for (const [key, text] of Object.entries(bootMessages.zh)) expect([key, text]).toEqual([key, zh[key as keyof typeof zh]]);
    for (const [key, text] of Object.entries(bootMessages.en)) expect([key, text]).toEqual([key, en[key as keyof typeof en]]);
  });

  it('fill their placeholders', () => {
    expect(bootText('zh', 'panel.refreshed', { time: '2022-04-02 08:00:05' })).toBe('数据更新于 2022-04-02 08:00:05');
    expect(bootText('en', 'panel.qr.label', { name: '张*三', colour: 'Green code', time: 'x' })).toBe('Suishenma 随申码 of 张*三: Green code, refreshed x');
  });
});
