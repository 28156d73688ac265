import { describe, expect, it } from 'vitest';
import { hasMod11Check, mod11CheckCharacter } from './check-digits.ts';
import { documentKey, documentProblem, identityDocument, isValidDocument, type IdentityDocument } from './documents.ts';
import { documentFromRead, documentLabel } from './labels.ts';
import { maskAnyNumber, maskDocumentNumber, maskName } from './masking.ts';
import { paperIdText, readPaperId } from './paper-id.ts';

const valid = (type: IdentityDocument['type'], number: string, country?: string) => isValidDocument({ type, number, ...(country === undefined ? {} : { country }) });

describe('ISO 7064 MOD 11-2', () => {
  it('accepts a number whose check character matches, in either case of X, and refuses one typo', () => {
    expect(hasMod11Check('11010519491231002X')).toBe(true);
    expect(hasMod11Check('11010519491231002x')).toBe(true);
    expect(hasMod11Check('440524188001010014')).toBe(true);
    expect(hasMod11Check('11010519491231003X')).toBe(false);
    expect(hasMod11Check('1101051949123100')).toBe(false);
    expect(mod11CheckCharacter('11010519491231002')).toBe('X');
  });
});

describe('document rules', () => {
  it('checks a resident ID by its check character', () => {
    expect(valid('resident-id', '310101199001011234')).toBe(true);
    expect(valid('resident-id', '310101199001011235')).toBe(false);
  });

  it('takes both forms of the 外国人永久居留身份证, checking the 18-character one', () => {
    expect(valid('foreign-permanent', 'USA318503150120')).toBe(true);
    expect(valid('foreign-permanent', 'USA318513150150')).toBe(false); // month 13
    expect(valid('foreign-permanent', '93184019850315001X')).toBe(true);
    expect(valid('foreign-permanent', '931840198503150012')).toBe(false);
    expect(valid('foreign-permanent', '310101199001011234')).toBe(false); // a resident ID, not a 9-number
  });

  it('takes the Hong Kong and Macao permit with and without its issue count, and the Taiwan permit', () => {
    expect(valid('hk-macau-permit', 'H12345678')).toBe(true);
    expect(valid('hk-macau-permit', 'm8765432101')).toBe(true);
    expect(valid('hk-macau-permit', 'K12345678')).toBe(false);
    expect(valid('taiwan-permit', '01234567')).toBe(true);
    expect(valid('taiwan-permit', '0123456')).toBe(false);
  });

  it('checks the residence permit by the resident ID scheme and its 810000/820000/830000 region', () => {
    expect(valid('hmt-residence', '810000199408230021')).toBe(true);
    expect(valid('hmt-residence', '830000197705120034')).toBe(true);
    expect(valid('hmt-residence', '810000199408230022')).toBe(false);
    expect(valid('hmt-residence', '310101199001011234')).toBe(false);
  });

  it('needs a passport number in the ICAO character set and its issuing state', () => {
    expect(valid('passport', 'L898902C3', 'UTO')).toBe(true);
    expect(valid('passport', 'C01X00T47', 'D<<')).toBe(true);
    expect(valid('passport', '5333 18901', 'gbr')).toBe(true);
    expect(valid('passport', 'L898902C3')).toBe(false);
    expect(valid('passport', 'L898-902C3', 'UTO')).toBe(false);
    expect(valid('passport', 'L898902C3XX', 'UTO')).toBe(false);
    expect(documentProblem({ type: 'resident-id', number: '310101199001011234', country: 'CHN' })).toBe('only a passport has a country');
  });

  it('keys a document by type, country and number however it was written', () => {
    expect(documentKey({ type: 'passport', number: 'l898 902c3', country: 'uto' })).toBe(documentKey({ type: 'passport', number: 'L898902C3', country: 'UTO' }));
    expect(documentKey({ type: 'passport', number: 'L898902C3', country: 'UTO' })).not.toBe(documentKey({ type: 'passport', number: 'L898902C3', country: 'GBR' }));
  });

  it('parses a document on the wire into its normal form, and says why one is refused', () => {
    expect(identityDocument.parse({ type: 'passport', number: 'l898902c3', country: 'uto' })).toEqual({ type: 'passport', number: 'L898902C3', country: 'UTO' });
    const refused = identityDocument.safeParse({ type: 'taiwan-permit', number: '123' });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toBe('a Taiwan permit number has 8 digits');
  });
});

describe('masking', () => {
  it('masks Chinese names as 随申码 does and Latin names word by word', () => {
    expect(maskName('张小三')).toBe('张*三');
    expect(maskName('王五')).toBe('王*');
    expect(maskName('张')).toBe('*');
    expect(maskName('𠀋小𠀋')).toBe('𠀋*𠀋');
    expect(maskName('买买提·吐尔逊')).toBe('买*****逊');
    expect(maskName('ERIKSSON ANNA MARIA')).toBe('E******* A*** M****');
    expect(maskName("Siobhán O'Brien-Kelly")).toBe("S****** O'*****-*****");
  });

  it('masks each number by its document’s convention', () => {
    expect(maskDocumentNumber({ type: 'resident-id', number: '310101199001011234' })).toBe('310***********1234');
    expect(maskDocumentNumber({ type: 'resident-id', number: '31010119900101123X' })).toBe('310***********123X');
    expect(maskDocumentNumber({ type: 'foreign-permanent', number: 'USA318503150120' })).toBe('USA********0120');
    expect(maskDocumentNumber({ type: 'hk-macau-permit', number: 'H12345678' })).toBe('H******78');
    expect(maskDocumentNumber({ type: 'passport', number: 'L898902C3' })).toBe('L******C3');
    expect(maskDocumentNumber({ type: 'passport', number: '123' })).toBe('***');
    expect(maskAnyNumber('310101194206064564')).toBe('310***********4564');
  });
});

describe('labels and door reads', () => {
  it('names each document in both languages, a passport with its country', () => {
    expect(documentLabel({ type: 'hk-macau-permit' }, 'zh')).toBe('回乡证');
    expect(documentLabel({ type: 'passport', country: 'GBR' }, 'en')).toBe('Passport (GBR)');
    expect(documentLabel({ type: 'passport', country: 'GBR' }, 'zh')).toBe('护照（GBR）');
    expect(documentLabel({ type: 'resident-id' }, 'en', 'full')).toBe('Resident Identity Card');
  });

  it('turns a door read into a document, the permits by their MRZ code', () => {
    expect(documentFromRead({ kind: 'passport', documentCode: 'P', issuingState: 'D<<', number: 'C01X00T47' })).toEqual({ type: 'passport', number: 'C01X00T47', country: 'D' });
    expect(documentFromRead({ kind: 'travel-document', documentCode: 'CR', issuingState: 'CHN', number: 'H12345678' })).toEqual({ type: 'hk-macau-permit', number: 'H12345678' });
    expect(documentFromRead({ kind: 'travel-document', documentCode: 'V', issuingState: 'UTO', number: 'L898902C3' })).toBeUndefined();
  });
});

describe('the document on a paper code', () => {
  it('is the masked number alone for a resident ID and prefixed by type for the others, and reads back', () => {
    expect(paperIdText({ type: 'resident-id', maskedNumber: '310***********4564' })).toBe('310***********4564');
    expect(paperIdText({ type: 'passport', country: 'GBR', maskedNumber: '5******79' })).toBe('P-GBR:5******79');
    expect(paperIdText({ type: 'hk-macau-permit', maskedNumber: 'H******78' })).toBe('HK:H******78');
    for (const paper of [
      { type: 'resident-id', maskedNumber: '310***********4564' },
      { type: 'passport', country: 'D', maskedNumber: 'C******47' },
      { type: 'foreign-permanent', maskedNumber: '931***********001X' },
      { type: 'taiwan-permit', maskedNumber: '0*****67' },
    ] as const) {
      expect(readPaperId(paperIdText(paper))).toEqual(paper);
    }
    expect(paperIdText({ type: 'foreign-permanent', maskedNumber: '931***********001X' }).length).toBeLessThanOrEqual(24);
  });
});
