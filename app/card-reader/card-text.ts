/**
 * The 256 bytes of text a card holds (GB 13000 UCS-2, little-endian, each field padded with spaces), in the
 * layouts the same readers return: the resident ID card, the 港澳台居民居住证 (type flag `J` at byte 248,
 * which adds the travel permit number and the issue count), and the 外国人永久居留身份证 of 2017 (`I`,
 * 15-character number) and of 2023 (`Y`, 18-character number). `encodeCardText` is the inverse, for the
 * test reader and the tests.
 */
import { isValidIdNumber } from '../../core/identity/check-digits.ts';
import { nationByCode, type Nation } from './nations.ts';

export const cardTextLength = 256;

export type Sex = 'male' | 'female' | 'unspecified';

interface Common {
  sex: Sex;
  /** YYYY-MM-DD */
  birthDate: string;
  validFrom: string;
  /** YYYY-MM-DD, or null for 长期 (no end). */
  validUntil: string | null;
}

export type CardText =
  | (Common & {
      kind: 'resident-id' | 'hmt-residence-permit';
      name: string;
      /** Null on a residence permit, which has none. */
      nation: Nation | null;
      address: string;
      idNumber: string;
      issuer: string;
      /** The 港澳台居民居住证's: the holder's travel permit number and how many times the permit was issued. */
      permitNumber: string | null;
      issueCount: number | null;
    })
  | (Common & {
      kind: 'foreign-permanent-resident';
      englishName: string;
      chineseName: string;
      number: string;
      /** ISO 3166-1 alpha-3 (GB/T 2659). */
      nationality: string;
      version: '2017' | '2023';
    });

export type ResidentCardText = Extract<CardText, { kind: 'resident-id' | 'hmt-residence-permit' }>;
export type ForeignCardText = Extract<CardText, { kind: 'foreign-permanent-resident' }>;

type Field = readonly [offset: number, bytes: number];

const resident = {
  name: [0, 30], sex: [30, 2], nation: [32, 4], birth: [36, 16], address: [52, 70], idNumber: [122, 36],
  issuer: [158, 30], validFrom: [188, 16], validUntil: [204, 16], permitNumber: [220, 18], issueCount: [238, 4],
} as const satisfies Record<string, Field>;
const foreign2017 = {
  englishName: [0, 120], sex: [120, 2], number: [122, 30], nationality: [152, 6], chineseName: [158, 30],
  validFrom: [188, 16], validUntil: [204, 16], birth: [220, 16], version: [236, 4], authority: [240, 8],
} as const satisfies Record<string, Field>;
const foreign2023 = {
  chineseName: [0, 30], sex: [30, 2], renewals: [32, 4], birth: [36, 16], englishName: [52, 70], number: [122, 36],
  validFrom: [188, 16], validUntil: [204, 16], englishNameMore: [220, 22], nationality: [242, 6],
} as const satisfies Record<string, Field>;
const typeFlag: Field = [248, 2];

function readField(text: Uint8Array, [offset, bytes]: Field): string {
  let out = '';
  for (let i = offset; i + 1 < offset + bytes; i += 2) out += String.fromCharCode((text[i] ?? 0) | ((text[i + 1] ?? 0) << 8));
  return out.replaceAll(String.fromCharCode(0), ' ').trim();
}

function writeField(text: Uint8Array, [offset, bytes]: Field, value: string): void {
  const padded = value.padEnd(bytes / 2, ' ');
  if (padded.length > bytes / 2) throw new RangeError(`"${value}" does not fit ${bytes} bytes`);
  for (let i = 0; i < bytes / 2; i += 1) {
    const unit = padded.charCodeAt(i);
    text[offset + 2 * i] = unit & 0xff;
    text[offset + 2 * i + 1] = unit >> 8;
  }
}

const sexes: Record<string, Sex> = { '1': 'male', '2': 'female', '0': 'unspecified', '9': 'unspecified' };
const sexCodes: Record<Sex, string> = { male: '1', female: '2', unspecified: '9' };

function isoDate(yyyymmdd: string): string | null {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(yyyymmdd);
  if (!match) return null;
  const [, year, month, day] = match;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  return date.getUTCMonth() === Number(month) - 1 && date.getUTCDate() === Number(day) ? `${year}-${month}-${day}` : null;
}

const compact = (iso: string | null) => (iso === null ? '长期' : iso.replaceAll('-', ''));

/** The text as a card reader returned it, or null where a field is not what that layout holds. */
export function decodeCardText(text: Uint8Array): CardText | null {
  if (text.length !== cardTextLength) return null;
  const flag = readField(text, typeFlag);
  if (flag === 'I' || flag === 'Y') return decodeForeign(text, flag);
  const f = (field: Field) => readField(text, field);
  const sex = sexes[f(resident.sex)];
  const birthDate = isoDate(f(resident.birth));
  const validFrom = isoDate(f(resident.validFrom));
  const until = f(resident.validUntil);
  const validUntil = until === '长期' ? null : isoDate(until);
  const idNumber = f(resident.idNumber).toUpperCase();
  const name = f(resident.name);
  if (!sex || !birthDate || !validFrom || (validUntil === null && until !== '长期') || !isValidIdNumber(idNumber) || !name) return null;
  const permit = flag === 'J';
  const nation = permit ? null : nationByCode(f(resident.nation));
  if (!permit && !nation) return null;
  const issueCount = permit ? Number.parseInt(f(resident.issueCount), 10) : null;
  return {
    kind: permit ? 'hmt-residence-permit' : 'resident-id',
    name,
    sex,
    nation,
    birthDate,
    address: f(resident.address),
    idNumber,
    issuer: f(resident.issuer),
    validFrom,
    validUntil,
    permitNumber: permit ? f(resident.permitNumber) || null : null,
    issueCount: issueCount !== null && Number.isFinite(issueCount) ? issueCount : null,
  };
}

function decodeForeign(text: Uint8Array, flag: 'I' | 'Y'): CardText | null {
  const f = (field: Field) => readField(text, field);
  const layout = flag === 'I' ? foreign2017 : foreign2023;
  const sex = sexes[f(layout.sex)];
  const birthDate = isoDate(f(layout.birth));
  const validFrom = isoDate(f(layout.validFrom));
  const validUntil = isoDate(f(layout.validUntil));
  const number = f(layout.number).toUpperCase();
  const nationality = f(layout.nationality).toUpperCase();
  const englishName = flag === 'I' ? f(foreign2017.englishName) : `${f(foreign2023.englishName)}${f(foreign2023.englishNameMore)}`.trim();
  const numberShape = flag === 'I' ? /^[A-Z]{3}\d{12}$/ : /^9\d{16}[\dX]$/;
  if (!sex || !birthDate || !validFrom || !validUntil || !numberShape.test(number) || !/^[A-Z]{3}$/.test(nationality) || !englishName) return null;
  return {
    kind: 'foreign-permanent-resident',
    englishName,
    chineseName: f(layout.chineseName),
    sex,
    number,
    nationality,
    birthDate,
    validFrom,
    validUntil,
    version: flag === 'I' ? '2017' : '2023',
  };
}

/** The 256 bytes a card with `card` printed on it would give. */
export function encodeCardText(card: CardText): Uint8Array {
  const text = new Uint8Array(cardTextLength);
  writeField(text, [0, cardTextLength], '');
  const w = (field: Field, value: string) => writeField(text, field, value);
  if (card.kind === 'foreign-permanent-resident') {
    const layout = card.version === '2017' ? foreign2017 : foreign2023;
    w(layout.sex, sexCodes[card.sex]);
    w(layout.number, card.number);
    w(layout.nationality, card.nationality);
    w(layout.chineseName, card.chineseName);
    w(layout.validFrom, compact(card.validFrom));
    w(layout.validUntil, compact(card.validUntil));
    w(layout.birth, compact(card.birthDate));
    if (card.version === '2017') w(foreign2017.englishName, card.englishName);
    else {
      w(foreign2023.englishName, card.englishName.slice(0, 35));
      w(foreign2023.englishNameMore, card.englishName.slice(35));
    }
    w(typeFlag, card.version === '2017' ? 'I' : 'Y');
    return text;
  }
  w(resident.name, card.name);
  w(resident.sex, sexCodes[card.sex]);
  w(resident.nation, card.nation?.code ?? '');
  w(resident.birth, compact(card.birthDate));
  w(resident.address, card.address);
  w(resident.idNumber, card.idNumber);
  w(resident.issuer, card.issuer);
  w(resident.validFrom, compact(card.validFrom));
  w(resident.validUntil, compact(card.validUntil));
  if (card.kind === 'hmt-residence-permit') {
    w(resident.permitNumber, card.permitNumber ?? '');
    w(resident.issueCount, String(card.issueCount ?? '').padStart(2, '0'));
    w(typeFlag, 'J');
  }
  return text;
}
