/**
 * GS1 element strings as printed on antigen kits (the UDI: GTIN, expiry, lot, serial), read from what a
 * scanner or a person gives us: raw data with FNC1 as the GS character (\x1d), with or without an AIM
 * symbology prefix (]d2 DataMatrix, ]Q3 QR, ]C1 GS1-128), or the human-readable line under the barcode,
 * "(01)06901234567892(17)230630(10)A1(21)0001". Pure, so the upload screen and the server parse alike.
 */

export interface Udi {
  /** 14 digits, check digit verified. */
  gtin: string;
  /** The last day the kit may be used, YYYY-MM-DD (a day of 00 means the end of that month). */
  expiresOn: string | null;
  lot: string | null;
  serial: string | null;
}

export type Gs1Problem = 'empty' | 'malformed' | 'unknown-ai' | 'gtin-check' | 'no-gtin' | 'bad-date';
export type Gs1Outcome = { ok: true; udi: Udi } | { ok: false; problem: Gs1Problem };

const groupSeparator = '\x1d';
const symbologyIdentifier = /^\][A-Za-z][0-9A-Za-z]/;

/** Application identifiers a kit may carry: fixed length, or variable up to a maximum and ended by GS. */
const identifiers: Record<string, { fixed?: number; max?: number }> = {
  '00': { fixed: 18 },
  '01': { fixed: 14 },
  '02': { fixed: 14 },
  '10': { max: 20 },
  '11': { fixed: 6 },
  '13': { fixed: 6 },
  '15': { fixed: 6 },
  '16': { fixed: 6 },
  '17': { fixed: 6 },
  '20': { fixed: 2 },
  '21': { max: 20 },
  '30': { max: 8 },
  '240': { max: 30 },
  '241': { max: 30 },
};

/** GS1 mod-10 check digit over all digits but the last. */
export function gs1CheckDigit(digitsWithoutCheck: string): number {
  let sum = 0;
  for (let index = 0; index < digitsWithoutCheck.length; index += 1) {
    const digit = Number(digitsWithoutCheck[digitsWithoutCheck.length - 1 - index]);
    sum += index % 2 === 0 ? digit * 3 : digit;
  }
  return (10 - (sum % 10)) % 10;
}

/** A GTIN-8/12/13/14 as 14 digits, or null when it is not one or its check digit is wrong. */
export function normaliseGtin(text: string): string | null {
  const digits = text.trim();
  if (!/^(\d{8}|\d{12,14})$/.test(digits)) return null;
  const gtin = digits.padStart(14, '0');
  return gs1CheckDigit(gtin.slice(0, 13)) === Number(gtin[13]) ? gtin : null;
}

/** YYMMDD as GS1 reads it (years 00–99 as 2000–2099; day 00 = last day of the month), or null. */
export function gs1Date(yymmdd: string): string | null {
  if (!/^\d{6}$/.test(yymmdd)) return null;
  const year = 2000 + Number(yymmdd.slice(0, 2));
  const month = Number(yymmdd.slice(2, 4));
  let dayOfMonth = Number(yymmdd.slice(4, 6));
  if (month < 1 || month > 12) return null;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (dayOfMonth === 0) dayOfMonth = lastDay;
  if (dayOfMonth > lastDay) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(dayOfMonth).padStart(2, '0')}`;
}

function stripPrefix(text: string): string {
  // Any AIM identifier (]d2, ]Q3, ]C1, and the modifiers ZXing-C++ reports beyond them, such as ]d8).
  let data = text.trim().replace(symbologyIdentifier, '');
  // Some scanners spell FNC1 out; a leading FNC1 only says "this is GS1".
  data = data.replace(/<GS>|\{GS\}|\\x1d|␝/gi, groupSeparator);
  while (data.startsWith(groupSeparator)) data = data.slice(1);
  return data;
}

function splitHumanReadable(data: string): [string, string][] | null {
  const pairs: [string, string][] = [];
  const pattern = /\((\d{2,4})\)([^()]*)/g;
  let consumed = 0;
  for (const match of data.matchAll(pattern)) {
    if (match.index !== consumed) return null;
    pairs.push([match[1] ?? '', (match[2] ?? '').trim()]);
    consumed = match.index + match[0].length;
  }
  return consumed === data.length && pairs.length > 0 ? pairs : null;
}

function splitRaw(data: string): [string, string][] | 'unknown-ai' | null {
  const pairs: [string, string][] = [];
  let offset = 0;
  while (offset < data.length) {
    const ai = [2, 3].map((length) => data.slice(offset, offset + length)).find((candidate) => Object.hasOwn(identifiers, candidate));
    if (!ai) return 'unknown-ai';
    const spec = identifiers[ai] ?? {};
    offset += ai.length;
    if (spec.fixed !== undefined) {
      const value = data.slice(offset, offset + spec.fixed);
      if (value.length !== spec.fixed || value.includes(groupSeparator)) return null;
      pairs.push([ai, value]);
      offset += spec.fixed;
      if (data[offset] === groupSeparator) offset += 1;
    } else {
      const end = data.indexOf(groupSeparator, offset);
      const value = data.slice(offset, end === -1 ? data.length : end);
      if (value.length === 0 || value.length > (spec.max ?? 0)) return null;
      pairs.push([ai, value]);
      offset = end === -1 ? data.length : end + 1;
    }
  }
  return pairs;
}

/** Reads a kit's UDI from a scan or typed text; says what is wrong when it cannot. */
export function parseGs1(text: string): Gs1Outcome {
  const data = stripPrefix(text);
  if (data.length === 0) return { ok: false, problem: 'empty' };
  const split = data.startsWith('(') ? splitHumanReadable(data) : splitRaw(data);
  if (split === null) return { ok: false, problem: 'malformed' };
  if (split === 'unknown-ai') return { ok: false, problem: 'unknown-ai' };
  const values = new Map<string, string>();
  for (const [ai, value] of split) {
    const spec = identifiers[ai];
    if (!spec) return { ok: false, problem: 'unknown-ai' };
    if (spec.fixed !== undefined ? value.length !== spec.fixed : value.length === 0 || value.length > (spec.max ?? 0)) return { ok: false, problem: 'malformed' };
    values.set(ai, value);
  }
  const rawGtin = values.get('01');
  if (rawGtin === undefined) return { ok: false, problem: 'no-gtin' };
  const gtin = normaliseGtin(rawGtin);
  if (!gtin) return { ok: false, problem: 'gtin-check' };
  const rawExpiry = values.get('17');
  const expiresOn = rawExpiry === undefined ? null : gs1Date(rawExpiry);
  if (rawExpiry !== undefined && expiresOn === null) return { ok: false, problem: 'bad-date' };
  return { ok: true, udi: { gtin, expiresOn, lot: values.get('10') ?? null, serial: values.get('21') ?? null } };
}

/** The human-readable form of a UDI, as printed under a barcode; parseGs1 reads it back. */
export function formatGs1(udi: Udi): string {
  const yymmdd = udi.expiresOn ? udi.expiresOn.slice(2).replaceAll('-', '') : null;
  return [`(01)${udi.gtin}`, yymmdd && `(17)${yymmdd}`, udi.lot && `(10)${udi.lot}`, udi.serial && `(21)${udi.serial}`].filter(Boolean).join('');
}

/** The raw element string a GS1 DataMatrix, QR or GS1-128 encodes (FNC1 written as GS between variable fields). */
export function gs1ElementString(udi: Udi): string {
  const parts: string[] = [`01${udi.gtin}`];
  if (udi.expiresOn) parts.push(`17${udi.expiresOn.slice(2).replaceAll('-', '')}`);
  let data = parts.join('');
  const variable = [udi.lot && `10${udi.lot}`, udi.serial && `21${udi.serial}`].filter((part): part is string => Boolean(part));
  data += variable.join(groupSeparator);
  return data;
}
