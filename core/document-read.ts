/**
 * What a door reader got from an identity document, whichever reader it was: the chip of a card read through
 * a SAM card reader (`id-card`), or the machine-readable zone of a passport or travel document read by the
 * camera (`mrz`). Neutral on purpose: the kiosk and the lookup by document take this one shape, and the
 * reader that made it only says where it came from. Checked with zod where it crosses a boundary.
 */
import * as z from 'zod/mini';

export const documentSource = z.enum(['id-card', 'mrz']);

/**
 * The kind of document in the wallet's terms: 居民身份证, 港澳台居民居住证, 外国人永久居留身份证, 护照, and any
 * other ICAO travel document (a TD1 or TD2 card, a visa-like document).
 */
export const documentKind = z.enum(['resident-id', 'hmt-residence-permit', 'foreign-permanent-resident', 'passport', 'travel-document']);

const isoDay = z.iso.date();

export const documentRead = z.object({
  source: documentSource,
  kind: documentKind,
  /**
   * The document's own code: the MRZ's (`P`, `PO`, `I`, `ID`, `AC`…, fillers removed), or the card's type
   * flag (`ID` for a resident ID card, `J` for a residence permit, `I` or `Y` for the two permanent residence cards).
   */
  documentCode: z.string().check(z.regex(/^[A-Z0-9]{1,2}$/)),
  /** ICAO 9303 three-letter code of the state or organisation that issued it (`CHN` for the cards). */
  issuingState: z.string().check(z.regex(/^[A-Z<]{3}$/)),
  /** The holder's nationality, where the document says one (the resident ID card does not). */
  nationality: z.nullable(z.string().check(z.regex(/^[A-Z<]{3}$/))),
  /** The document number as printed, check characters included, fillers removed. */
  number: z.string().check(z.regex(/^[A-Z0-9]{5,18}$/)),
  /** The name as the document writes it: Chinese characters on the cards, `SURNAME GIVEN NAMES` from an MRZ. */
  name: z.string().check(z.minLength(1), z.maxLength(80)),
  /** The Latin name in its two parts where the document has one (an MRZ, a permanent residence card). */
  latinName: z.nullable(z.object({ primary: z.string(), secondary: z.string() })),
  birthDate: isoDay,
  sex: z.enum(['male', 'female', 'unspecified']),
  /** The last day it is valid, or null for a card valid 长期 (without end). */
  expiry: z.nullable(isoDay),
  /** When the reader read it. */
  readAt: z.iso.datetime({ offset: true }),
});

export type DocumentRead = z.infer<typeof documentRead>;
export type DocumentKind = z.infer<typeof documentKind>;
