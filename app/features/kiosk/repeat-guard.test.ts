import { describe, expect, it } from 'vitest';
import { createRepeatGuard, createTextMemo, repeatWindowMs } from './repeat-guard.ts';

describe('createRepeatGuard', () => {
  it('counts a holder once while their code is read again and again within 10 s', () => {
    const guard = createRepeatGuard();
    expect(guard.isNew('demo-a', 0)).toBe(true);
    for (let at = 100; at < 9_000; at += 100) expect(guard.isNew('demo-a', at)).toBe(false);
  });

  it('counts each holder of a queue separately', () => {
    const guard = createRepeatGuard();
    expect(guard.isNew('demo-a', 0)).toBe(true);
    expect(guard.isNew('demo-b', 1_000)).toBe(true);
    expect(guard.isNew('demo-a', 2_000)).toBe(false);
    expect(guard.isNew('demo-c', 3_000)).toBe(true);
  });

  it('counts the same holder again once 10 s passed since their code was last seen, not since first', () => {
    const guard = createRepeatGuard();
    expect(guard.isNew('demo-a', 0)).toBe(true);
    expect(guard.isNew('demo-a', 9_999)).toBe(false);
    // Seen at 9 999: the window now runs to 19 999.
    expect(guard.isNew('demo-a', 19_998)).toBe(false);
    expect(guard.isNew('demo-a', 19_998 + repeatWindowMs)).toBe(true);
  });

  it('forgets holders whose window has passed, so memory stays flat over a day', () => {
    const guard = createRepeatGuard();
    for (let i = 0; i < 1_000; i++) guard.isNew(`holder-${i}`, i * 1_000);
    expect(guard.size()).toBeLessThanOrEqual(10);
  });
});

describe('createTextMemo', () => {
  it('remembers which holder a text was, while it keeps being read, and forgets it after the window', () => {
    const memo = createTextMemo();
    memo.set('SSM2:AAA', 'subject:demo-a', 0);
    expect(memo.get('SSM2:AAA', 9_000)).toBe('subject:demo-a');
    expect(memo.get('SSM2:AAA', 18_000)).toBe('subject:demo-a');
    expect(memo.get('SSM2:AAA', 18_000 + repeatWindowMs)).toBeUndefined();
    expect(memo.get('SSM2:BBB', 0)).toBeUndefined();
  });

  it('keeps at most its limit of texts, dropping the oldest', () => {
    const memo = createTextMemo(repeatWindowMs, 3);
    for (const text of ['a', 'b', 'c', 'd']) memo.set(text, `key-${text}`, 0);
    expect(memo.get('a', 1)).toBeUndefined();
    expect(memo.get('d', 1)).toBe('key-d');
  });
});
