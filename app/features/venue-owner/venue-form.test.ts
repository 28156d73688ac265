import { describe, expect, it } from 'vitest';
import { venueLimits } from '../../../core/contract/venues.ts';
import { validateVenueDraft } from './venue-form.ts';

describe('validateVenueDraft', () => {
  it('accepts a filled-in venue', () => {
    expect(validateVenueDraft({ name: '上海书城', district: '黄浦区', address: '福州路465号' })).toEqual({});
  });

  it('names every empty or blank field', () => {
    expect(validateVenueDraft({ name: '  ', district: '', address: 'x' })).toEqual({
      name: { key: 'venue.error.required', field: 'venue.name' },
      district: { key: 'venue.error.required', field: 'venue.district' },
    });
  });

  it('refuses a name longer than the poster can hold', () => {
    expect(validateVenueDraft({ name: '店'.repeat(41), district: '黄浦区', address: 'x' }).name).toEqual({
      key: 'venue.error.tooLong',
      field: 'venue.name',
      max: 40,
    });
  });

  it('holds each field to the contract’s limit, counted after trimming', () => {
    const at = (address: string) => validateVenueDraft({ name: '上海书城', district: '黄浦区', address }).address;
    expect(at(` ${'路'.repeat(venueLimits.address)} `)).toBeUndefined();
    expect(at('路'.repeat(venueLimits.address + 1))).toEqual({ key: 'venue.error.tooLong', field: 'venue.address', max: venueLimits.address });
  });
});
