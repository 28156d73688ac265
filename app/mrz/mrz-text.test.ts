import { describe, expect, it } from 'vitest';
import { mrzLines, travelDocuments } from '../../testing/mrz-documents.ts';
import { readMrzLines } from './mrz-text.ts';

const today = '2022-04-02';
const value = (char: string) => (char === '<' ? 0 : /\d/.test(char) ? Number(char) : char.charCodeAt(0) - 55);
const [gbr, , deu, , hkg, fra, nld] = travelDocuments;
const read = (document: (typeof travelDocuments)[number] | undefined) => (document ? readMrzLines(mrzLines(document), today)?.document : undefined);

describe('MRZ lines', () => {
  it('reads a TD3 passport into the neutral document read, with full years', () => {
    if (!gbr) throw new Error('fixture');
    const read = readMrzLines(mrzLines(gbr), today);
    expect(read?.format).toBe('TD3');
    expect(read?.document).toEqual({
      source: 'mrz',
      kind: 'passport',
      documentCode: 'P',
      issuingState: 'GBR',
      nationality: 'GBR',
      number: '925076473',
      name: 'SMITH OLIVIA ROSE',
      latinName: { primary: 'SMITH', secondary: 'OLIVIA ROSE' },
      birthDate: '1988-02-14',
      sex: 'female',
      expiry: '2030-09-06',
    });
  });

  it('reads TD1 cards, a German passport (D<<) and a Hong Kong passport with its personal number', () => {
    expect(read(fra)).toMatchObject({ kind: 'travel-document', documentCode: 'I', number: 'X4RTBPFW4', name: 'MARTIN MAELYS GAELLE' });
    expect(read(nld)).toMatchObject({ documentCode: 'ID', issuingState: 'NLD', birthDate: '1965-03-10' });
    expect(read(deu)).toMatchObject({ issuingState: 'D<<', number: 'C01X00T47' });
    expect(read(hkg)).toMatchObject({ issuingState: 'HKG', nationality: 'CHN', number: 'K01234568' });
  });

  it('repairs the confusions OCR makes where the check digits confirm it: O/0 in a date, B/8 and S/5 in the number, < read as K or L', () => {
    if (!gbr || !deu) throw new Error('fixture');
    const [line1 = '', line2 = ''] = mrzLines(gbr);
    // 925076473 → 92S076473 (S for 5), birth 880214 → 88O214, and fillers broken into K and L.
    const garbled = [line1.replace(/<<<<<<<<$/, '<KL<LLK<'), `${line2.slice(0, 2)}S${line2.slice(3, 15)}O${line2.slice(16, 30)}KL${line2.slice(32)}`];
    const read = readMrzLines(garbled, today);
    expect(read?.document.number).toBe('925076473');
    expect(read?.document.birthDate).toBe('1988-02-14');
    const [d1 = '', d2 = ''] = mrzLines(deu);
    // C01X00T47 with its 1 read as I: the number is alphanumeric, so only the check digit can tell. Trying
    // look-alikes everywhere, another repair would pass too (refused as ambiguous); OCR's doubt about that glyph settles it.
    expect(readMrzLines([d1, `C0IX00T47${d2.slice(9)}`], today)).toBeNull();
    expect(readMrzLines([d1, `C0IX00T47${d2.slice(9)}`], today, new Set(['1:2']))?.document.number).toBe('C01X00T47');
  });

  it('refuses a read whose check digits fail and cannot be repaired by a confusion', () => {
    if (!gbr) throw new Error('fixture');
    const [line1 = '', line2 = ''] = mrzLines(gbr);
    // A 7 read as 1 in the number: not a confusion pair the repair makes, so the check digit refuses it.
    expect(readMrzLines([line1, `925076471${line2.slice(9)}`], today)).toBeNull();
    // The expiry check digit changed.
    expect(readMrzLines([line1, `${line2.slice(0, 27)}${(Number(line2.charAt(27)) + 1) % 10}${line2.slice(28)}`], today)).toBeNull();
    // Wrong length, wrong line count.
    expect(readMrzLines([line1, line2.slice(1)], today)).toBeNull();
    expect(readMrzLines([line1], today)).toBeNull();
  });

  it('never turns one person into another: a glyph misread as a look-alike in a number or date is repaired to the truth or refused', () => {
    if (!gbr) throw new Error('fixture');
    const [line1 = '', line2 = ''] = mrzLines(gbr);
    // What OCR-B glyphs are misread as (the 7-3-1 check digit cannot see every substitution, e.g. 0 for A).
    const lookAlikes: Record<string, string> = { '0': 'ODQ', '1': 'I7T', '2': 'Z7', '3': '8B', '4': 'AH', '5': 'S6', '6': 'G5', '7': '1TZ', '8': 'B3', '9': 'G' };
    for (let column = 0; column < 28; column += 1) {
      for (const char of lookAlikes[line2.charAt(column)] ?? '') {
        // A letter worth a multiple of 10 more than the digit (U for 0, G for 6) is invisible to any 7-3-1
        // check digit: two reads of different frames that agree are what catches those (./mrz-reader.ts).
        if ((value(char) - value(line2.charAt(column))) % 10 === 0) continue;
        const read = readMrzLines([line1, line2.slice(0, column) + char + line2.slice(column + 1)], today);
        if (read) expect(read.document.number).toBe('925076473');
      }
    }
  });
});
