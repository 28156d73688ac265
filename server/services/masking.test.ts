import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskName } from './masking.ts';

describe('maskName', () => {
  it('keeps the first and last character of a three-character name', () => {
    expect(maskName('张小三')).toBe('张*三');
  });
  it('masks the second character of a two-character name', () => {
    expect(maskName('王五')).toBe('王*');
  });
  it('masks every middle character of a long name', () => {
    expect(maskName('欧阳娜娜')).toBe('欧**娜');
  });
  it('never returns a one-character name whole', () => {
    expect(maskName('张')).toBe('*');
  });
  it('treats surrogate pairs as one character', () => {
    expect(maskName('𠀋小𠀋')).toBe('𠀋*𠀋');
  });
});

describe('maskIdNumber', () => {
  it('shows the first three and last four digits of an 18-digit number', () => {
    expect(maskIdNumber('310101199001011234')).toBe('310***********1234');
  });
  it('keeps the check character X', () => {
    expect(maskIdNumber('31010119900101123X')).toBe('310***********123X');
  });
  it('hides a number too short to mask partially', () => {
    expect(maskIdNumber('1234567')).toBe('*******');
  });
});
