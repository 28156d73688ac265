import { describe, expect, it } from 'vitest';
import { idNumberCheckCharacter, isValidIdNumber } from './id-number.ts';

describe('resident ID numbers', () => {
  it('accepts a number whose check character matches, in either case of X', () => {
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('11010519491231002x')).toBe(true);
    expect(isValidIdNumber('440524188001010014')).toBe(true);
  });

  it('refuses a single mistyped digit', () => {
    expect(isValidIdNumber('11010519491231003X')).toBe(false);
    expect(isValidIdNumber('440524188001010015')).toBe(false);
  });

  it('refuses the wrong length and letters', () => {
    expect(isValidIdNumber('1101051949123100')).toBe(false);
    expect(isValidIdNumber('1101051949123100XX')).toBe(false);
    expect(isValidIdNumber('ABCDEFGHIJKLMNOPQR')).toBe(false);
  });

  it('computes the check character from the first 17 digits', () => {
    expect(idNumberCheckCharacter('11010519491231002')).toBe('X');
  });
});
