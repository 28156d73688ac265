import { describe, expect, it } from 'vitest';
import { refusalReason } from './refusal-reason.ts';

describe('refusal reason', () => {
  it('trims and folds white space', () => {
    expect(refusalReason('  地址不详\n 请补充  ')).toBe('地址不详 请补充');
  });

  it('refuses an empty, one-character or overlong reason', () => {
    expect(refusalReason('   ')).toBeNull();
    expect(refusalReason('否')).toBeNull();
    expect(refusalReason('理'.repeat(201))).toBeNull();
    expect(refusalReason('理'.repeat(200))).toHaveLength(200);
  });
});
