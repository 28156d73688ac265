import { describe, expect, it } from 'vitest';
import { mod11CheckCharacter } from '../../core/identity/check-digits.ts';
import { documentTypes, isValidDocument } from '../../core/identity/documents.ts';
import { documentEn, documentZh } from '../i18n/document-messages.ts';
import { documentProblemKey, typedDocument } from './typed-document.ts';

const withCheck = (first17: string) => `${first17}${mod11CheckCharacter(first17)}`;
/** One number each type's rule accepts, as staff would type it (lower case, spaces). */
const good = {
  'resident-id': ' 3101011990 01011234 ',
  'foreign-permanent': 'usa318501011234',
  'hk-macau-permit': 'h60123478',
  'taiwan-permit': '12345678',
  'hmt-residence': withCheck('81000019900101123'),
  passport: '925 076 473',
} as const;

describe('typedDocument', () => {
  it('accepts a good number of every document type, normalised as the server keys it', () => {
    for (const type of documentTypes) {
      const typed = typedDocument({ type, number: good[type], country: type === 'passport' ? 'gbr' : '' });
      expect(typed.ok, type).toBe(true);
      if (typed.ok) expect(isValidDocument(typed.document)).toBe(true);
    }
    expect(typedDocument({ type: 'passport', number: good.passport, country: 'gbr' })).toEqual({ ok: true, document: { type: 'passport', number: '925076473', country: 'GBR' } });
    expect(typedDocument({ type: 'resident-id', number: good['resident-id'], country: 'GBR' })).toEqual({ ok: true, document: { type: 'resident-id', number: '310101199001011234' } });
  });

  it('refuses a wrong number with its type’s message, by core’s rule', () => {
    const bad = { 'resident-id': '310101199001011235', 'foreign-permanent': 'USA3100850501', 'hk-macau-permit': 'X60123478', 'taiwan-permit': '1234567', 'hmt-residence': withCheck('31010119900101123'), passport: 'AB1' } as const;
    for (const type of documentTypes) {
      expect(typedDocument({ type, number: bad[type], country: 'GBR' }), type).toEqual({ ok: false, problem: { kind: 'number', type } });
    }
  });

  it('asks a passport for its issuing country, and says the number first when both are wrong', () => {
    expect(typedDocument({ type: 'passport', number: '925076473', country: '' })).toEqual({ ok: false, problem: { kind: 'country' } });
    expect(typedDocument({ type: 'passport', number: '925076473', country: 'GB1' })).toEqual({ ok: false, problem: { kind: 'country' } });
    expect(typedDocument({ type: 'passport', number: 'A', country: '' })).toEqual({ ok: false, problem: { kind: 'number', type: 'passport' } });
    expect(typedDocument({ type: 'passport', number: 'C01X00T47', country: 'D' })).toMatchObject({ ok: true });
  });
});

describe('documentProblemKey', () => {
  it('words each refusal for its own document, in both languages', () => {
    const keys = documentTypes.map((type) => documentProblemKey({ kind: 'number', type }));
    expect(new Set(keys).size).toBe(documentTypes.length);
    expect(documentZh[documentProblemKey({ kind: 'number', type: 'passport' })]).toMatch(/^护照号码不正确/);
    expect(documentEn[documentProblemKey({ kind: 'number', type: 'hk-macau-permit' })]).toMatch(/^This Home Return Permit number is wrong/);
    expect(documentEn[documentProblemKey({ kind: 'country' })]).toMatch(/issuing country/);
    for (const key of keys) expect(documentZh[key]).not.toEqual(documentEn[key]);
  });
});
