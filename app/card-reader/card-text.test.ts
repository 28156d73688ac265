import { describe, expect, it } from 'vitest';
import { decodeCardText, encodeCardText, type CardText } from './card-text.ts';
import { nationByCode } from './nations.ts';
import { foreignCard } from '../../testing/id-cards.ts';
import { mod11CheckCharacter } from '../../core/identity/check-digits.ts';

const idNumber = (first17: string) => first17 + mod11CheckCharacter(first17);

const ucs2 = (text: string) => Array.from(text, (char) => [char.charCodeAt(0) & 0xff, char.charCodeAt(0) >> 8]).flat();

const residentCard: CardText = {
  kind: 'resident-id',
  name: '买买提·吐尔逊',
  sex: 'male',
  nation: { code: '05', zh: '维吾尔', en: 'Uygur' },
  birthDate: '1985-04-12',
  address: '上海市长宁区天山路1号',
  idNumber: idNumber('31010519850412001'),
  issuer: '上海市公安局长宁分局',
  validFrom: '2015-06-01',
  validUntil: null,
  permitNumber: null,
  issueCount: null,
};

describe('card text', () => {
  it('reads a resident ID card as the layout puts it: UCS-2LE fields padded with spaces', () => {
    const text = encodeCardText(residentCard);
    expect(text).toHaveLength(256);
    // 姓名 at 0: 买 is U+4E70, stored low byte first.
    expect(Array.from(text.subarray(0, 2))).toEqual([0x70, 0x4e]);
    // 性别 at 30: '1'; 民族 at 32: '05'; 出生 at 36: '19850412'.
    expect(Array.from(text.subarray(30, 52))).toEqual(ucs2('10519850412'));
    // 有效期截止 at 204: 长期.
    expect(Array.from(text.subarray(204, 208))).toEqual(ucs2('长期'));
    expect(decodeCardText(text)).toEqual(residentCard);
  });

  it('decodes sex and nation codes, and refuses codes the standards do not have', () => {
    expect(nationByCode('01')).toEqual({ code: '01', zh: '汉', en: 'Han' });
    expect(nationByCode('56')?.zh).toBe('基诺');
    expect(nationByCode('46')?.zh).toBe('德昂');
    expect(nationByCode('97')?.zh).toBe('其他');
    expect(nationByCode('98')?.zh).toBe('外国血统中国籍人士');
    expect(nationByCode('57')).toBeNull();
    expect(nationByCode('00')).toBeNull();
    expect(nationByCode('1')).toBeNull();
    const female = decodeCardText(encodeCardText({ ...residentCard, sex: 'female', idNumber: idNumber('31010519850412002') }));
    expect(female?.sex).toBe('female');
    const text = encodeCardText(residentCard);
    text.set(ucs2('57'), 32);
    expect(decodeCardText(text)).toBeNull();
    const noSex = encodeCardText(residentCard);
    noSex.set(ucs2('5'), 30);
    expect(decodeCardText(noSex)).toBeNull();
  });

  it('refuses a number whose check character is wrong, or a date that is no date', () => {
    const badNumber = encodeCardText(residentCard);
    const good = idNumber('31010519850412001');
    badNumber.set(ucs2(good.slice(0, 17) + (good.endsWith('7') ? '8' : '7')), 122);
    expect(decodeCardText(badNumber)).toBeNull();
    const badDate = encodeCardText(residentCard);
    badDate.set(ucs2('19850231'), 36);
    expect(decodeCardText(badDate)).toBeNull();
    expect(decodeCardText(new Uint8Array(255))).toBeNull();
  });

  it('reads a 港澳台居民居住证 (type J): no nation, the permit number and issue count', () => {
    const permit: CardText = {
      ...residentCard,
      kind: 'hmt-residence-permit',
      name: '陈大文',
      nation: null,
      idNumber: idNumber('81000019900101001'),
      permitNumber: 'H12345678',
      issueCount: 1,
      validUntil: '2028-09-01',
    };
    const text = encodeCardText(permit);
    expect(Array.from(text.subarray(248, 250))).toEqual(ucs2('J'));
    expect(decodeCardText(text)).toEqual(permit);
  });

  it('reads both 外国人永久居留身份证 layouts: 2017 (type I, 15 characters) and 2023 (type Y, 18)', () => {
    const card2017 = foreignCard;
    expect(decodeCardText(encodeCardText(card2017))).toEqual(card2017);
    const card2023: CardText = { ...card2017, number: '931000198001230015', version: '2023', englishName: 'WOLFESCHLEGELSTEINHAUSENBERGER, HUBERT BLAINE' };
    const text = encodeCardText(card2023);
    expect(Array.from(text.subarray(248, 250))).toEqual(ucs2('Y'));
    expect(decodeCardText(text)).toEqual(card2023);
    const wrongShape = encodeCardText({ ...card2017, number: 'US3100801234590' });
    expect(decodeCardText(wrongShape)).toBeNull();
  });
});
