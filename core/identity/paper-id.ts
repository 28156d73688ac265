/**
 * The masked document a paper code carries in its signed `i` claim, read offline by the verifier. A resident
 * ID is the masked number alone, as every paper code printed before documents; any other document is
 * prefixed with a short code of its type (and a passport's state), so staff check the right card:
 * `P-GBR:5******79`, `HK:H******78`. A masked number has no colon, so the prefix is unambiguous.
 */
import { documentTypes, type DocumentType } from './documents.ts';

const prefixes: Record<Exclude<DocumentType, 'resident-id' | 'passport'>, string> = {
  'foreign-permanent': 'FP',
  'hk-macau-permit': 'HK',
  'taiwan-permit': 'TW',
  'hmt-residence': 'RP',
};

export interface PaperDocument {
  type: DocumentType;
  country?: string;
  maskedNumber: string;
}

export function paperIdText({ type, country, maskedNumber }: PaperDocument): string {
  if (type === 'resident-id') return maskedNumber;
  if (type === 'passport') return `P-${country ?? ''}:${maskedNumber}`;
  return `${prefixes[type]}:${maskedNumber}`;
}

export function readPaperId(text: string): PaperDocument {
  const match = /^([A-Z]{1,2})(?:-([A-Z]{1,3}))?:(.*)$/.exec(text);
  if (!match) return { type: 'resident-id', maskedNumber: text };
  const [, prefix = '', country, maskedNumber = ''] = match;
  if (prefix === 'P' && country) return { type: 'passport', country, maskedNumber };
  const type = documentTypes.find((candidate) => candidate !== 'resident-id' && candidate !== 'passport' && prefixes[candidate] === prefix);
  return type ? { type, maskedNumber } : { type: 'resident-id', maskedNumber: text };
}
