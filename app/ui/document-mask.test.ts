import { describe, expect, it } from 'vitest';
import { maskDocumentNumber, maskHolderName } from './document-mask.ts';

describe('document masking', () => {
  it('keeps the first and last character of a Chinese name and the initials of a Latin one', () => {
    expect(maskHolderName('张阿婆')).toBe('张*婆');
    expect(maskHolderName('王五')).toBe('王*');
    expect(maskHolderName('买买提·吐尔逊')).toBe('买*****逊');
    expect(maskHolderName('ERIKSSON ANNA MARIA')).toBe('E******* A*** M****');
  });

  it('keeps three and four characters of a long number, fewer of a short one', () => {
    expect(maskDocumentNumber('310101194206064564')).toBe('310***********4564');
    expect(maskDocumentNumber('L898902C3')).toBe('L******C3');
  });
});
