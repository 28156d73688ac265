/**
 * The identity documents a person in Shanghai holds a code by, in April 2022: a document is its type, its
 * number and, for a passport, the issuing state. Each type has its own rule (a check character where the
 * document has one), so a typo is refused at the boundary and two documents never share a key.
 */
import * as z from 'zod/mini';
import { hasMod11Check } from './check-digits.ts';

export const documentTypes = ['resident-id', 'foreign-permanent', 'hk-macau-permit', 'taiwan-permit', 'hmt-residence', 'passport'] as const;
export const documentType = z.enum(documentTypes);
export type DocumentType = z.infer<typeof documentType>;

export interface IdentityDocument {
  type: DocumentType;
  number: string;
  /** ICAO 9303 code of the issuing state (`GBR`, `D` for Germany); a passport's only, absent otherwise. */
  country?: string;
}

/** Where the wallet has only ever had a number: the mainland resident ID. */
export const residentId = (number: string): IdentityDocument => ({ type: 'resident-id', number });

/** Upper case, without spaces or the MRZ's `<` fillers: the form every rule and key uses. */
export function normaliseDocument(document: IdentityDocument): IdentityDocument {
  const number = document.number.replace(/[\s<]/g, '').toUpperCase();
  const country = document.country?.replace(/[\s<]/g, '').toUpperCase();
  return document.type === 'passport' ? { type: 'passport', number, country: country ?? '' } : { type: document.type, number };
}

const isMonthDay = (mmdd: string) => {
  const month = Number(mmdd.slice(0, 2));
  const dayOfMonth = Number(mmdd.slice(2, 4));
  return month >= 1 && month <= 12 && dayOfMonth >= 1 && dayOfMonth <= 31;
};

/**
 * What is wrong with a (normalised) number for its type, in words for a feed rejection or an error body;
 * undefined when it is right.
 */
const numberRules: Record<DocumentType, (number: string) => string | undefined> = {
  'resident-id': (n) => (hasMod11Check(n) ? undefined : 'a resident ID number has 18 characters with a valid check character'),
  // The 2004 card: nationality (3 letters), issuing place (2), birth YYMMDD, sequence and check; the 2023 card:
  // 9, place, nationality (numeric), birth YYYYMMDD, sequence and the MOD 11-2 check character.
  'foreign-permanent': (n) =>
    /^[A-Z]{3}\d{12}$/.test(n) && isMonthDay(n.slice(7, 11))
      ? undefined
      : /^9\d{16}[\dX]$/.test(n) && hasMod11Check(n)
        ? undefined
        : 'a permanent residence card number is 3 letters and 12 digits, or 18 characters starting with 9 with a valid check character',
  // 回乡证: H (Hong Kong) or M (Macao) and 8 digits, and on older cards the 2-digit issue count after them.
  'hk-macau-permit': (n) => (/^[HM]\d{8}(\d{2})?$/.test(n) ? undefined : 'a Hong Kong or Macao permit number is H or M and 8 digits (10 with the issue count)'),
  'taiwan-permit': (n) => (/^\d{8}$/.test(n) ? undefined : 'a Taiwan permit number has 8 digits'),
  // The residence permit uses the resident ID scheme: 810000 Hong Kong, 820000 Macao, 830000 Taiwan.
  'hmt-residence': (n) => (/^8[123]0000/.test(n) && hasMod11Check(n) ? undefined : 'a residence permit number starts with 810000, 820000 or 830000 and has a valid check character'),
  // ICAO 9303: the document number field holds up to 9 characters, A–Z and 0–9.
  passport: (n) => (/^[A-Z0-9]{5,9}$/.test(n) ? undefined : 'a passport number has 5 to 9 letters and digits'),
};

/** ICAO 9303 issuing-state codes: three letters, or Germany's `D`. */
const isIssuingState = (country: string) => /^[A-Z]{3}$/.test(country) || country === 'D';

export function documentProblem(document: IdentityDocument): string | undefined {
  const normal = normaliseDocument(document);
  if (normal.type === 'passport' && !isIssuingState(normal.country ?? '')) return 'a passport needs its issuing country, a 3-letter ICAO code';
  if (normal.type !== 'passport' && document.country !== undefined && document.country !== '') return 'only a passport has a country';
  return numberRules[normal.type](normal.number);
}

export const isValidDocument = (document: IdentityDocument): boolean => documentProblem(document) === undefined;

/** One string per document, the same for the same document however it was written: for maps and sets. */
export function documentKey(document: IdentityDocument): string {
  const normal = normaliseDocument(document);
  return `${normal.type}/${normal.country ?? ''}/${normal.number}`;
}

/** A document on the wire: checked by its type's rule, then normalised. */
export const identityDocument = z.pipe(
  z
    .object({
      type: documentType,
      number: z.string().check(z.maxLength(32)),
      country: z.optional(z.string().check(z.maxLength(3))),
    })
    .check(
      z.superRefine((value, context) => {
        const problem = documentProblem(value);
        if (problem) context.issues.push({ code: 'custom', message: problem, input: value, path: ['number'] });
      }),
    ),
  z.transform((value): IdentityDocument => normaliseDocument(value)),
);
