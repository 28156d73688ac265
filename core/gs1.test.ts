import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatGs1, gs1CheckDigit, gs1Date, gs1ElementString, normaliseGtin, parseGs1, type Udi } from './gs1.ts';

const gtin = '06901234567892';
const udi: Udi = { gtin, expiresOn: '2023-06-30', lot: 'W2204A1', serial: '000123' };

describe('GS1 check digits and dates', () => {
  it('computes the mod-10 check digit', () => {
    expect(gs1CheckDigit('0690123456789')).toBe(2);
    expect(gs1CheckDigit('629104150021')).toBe(3);
  });

  it('pads GTIN-8/12/13 to 14 digits and refuses a mistyped digit', () => {
    expect(normaliseGtin('6901234567892')).toBe(gtin);
    expect(normaliseGtin('6901234567893')).toBeNull();
    expect(normaliseGtin('690123456789')).toBeNull();
    expect(normaliseGtin('abc')).toBeNull();
  });

  it('reads YYMMDD with day 00 as the end of the month, leap years included', () => {
    expect(gs1Date('230630')).toBe('2023-06-30');
    expect(gs1Date('240200')).toBe('2024-02-29');
    expect(gs1Date('230200')).toBe('2023-02-28');
    expect(gs1Date('231300')).toBeNull();
    expect(gs1Date('230231')).toBeNull();
  });
});

describe('parseGs1', () => {
  it('reads the raw element string with FNC1 as GS, with each scanner prefix', () => {
    const raw = `0106901234567892172306301 0W2204A1\x1d21000123`.replace(' ', '');
    for (const prefix of ['', ']d2', ']Q3', ']C1', '\x1d', ']d2\x1d']) {
      expect(parseGs1(prefix + raw)).toEqual({ ok: true, udi });
    }
  });

  it('reads the human-readable line, in any order of its fields', () => {
    expect(parseGs1('(01)06901234567892(17)230630(10)W2204A1(21)000123')).toEqual({ ok: true, udi });
    expect(parseGs1(' (21)000123(10)W2204A1(01)06901234567892(17)230630 ')).toEqual({ ok: true, udi });
  });

  it('reads a serial before a lot, and a GTIN alone', () => {
    expect(parseGs1('010690123456789221000123\x1d10W2204A1')).toEqual({ ok: true, udi: { ...udi, expiresOn: null } });
    expect(parseGs1('0106901234567892')).toEqual({ ok: true, udi: { gtin, expiresOn: null, lot: null, serial: null } });
  });

  it('accepts a spelled-out GS and skips identifiers it does not need', () => {
    expect(parseGs1('0106901234567892112201011723063010W2204A1<GS>21000123')).toEqual({ ok: true, udi });
  });

  it('says what is wrong', () => {
    expect(parseGs1('')).toEqual({ ok: false, problem: 'empty' });
    expect(parseGs1('0106901234567893')).toEqual({ ok: false, problem: 'gtin-check' });
    expect(parseGs1('10ABC')).toEqual({ ok: false, problem: 'no-gtin' });
    expect(parseGs1('0106901234567892172313 01')).toEqual({ ok: false, problem: 'unknown-ai' });
    expect(parseGs1('01069012345678')).toEqual({ ok: false, problem: 'malformed' });
    expect(parseGs1('(01)06901234567892(17)231340')).toEqual({ ok: false, problem: 'bad-date' });
    expect(parseGs1('(01)06901234567892junk')).toEqual({ ok: false, problem: 'malformed' });
    expect(parseGs1('https://example.com/')).toEqual({ ok: false, problem: 'unknown-ai' });
    expect(parseGs1(`01${gtin}10${'A'.repeat(21)}`)).toEqual({ ok: false, problem: 'malformed' });
  });

  it('reads back whatever it formats, in both forms', () => {
    const text = fc.stringMatching(/^[A-Z0-9]{1,20}$/);
    fc.assert(
      fc.property(
        fc.record({
          body: fc.stringMatching(/^\d{13}$/),
          expiresOn: fc.option(fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10))),
          lot: fc.option(text),
          serial: fc.option(text),
        }),
        ({ body, expiresOn, lot, serial }) => {
          const value: Udi = { gtin: body + String(gs1CheckDigit(body)), expiresOn, lot, serial };
          expect(parseGs1(formatGs1(value))).toEqual({ ok: true, udi: value });
          expect(parseGs1(`]d2${gs1ElementString(value)}`)).toEqual({ ok: true, udi: value });
        },
      ),
    );
  });
});
