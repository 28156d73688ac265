/**
 * Each document's name in both languages: the full name the card prints, and the short one the panel, the
 * paper code and the verifier show beside the masked number. A passport adds its issuing state.
 */
import type { DocumentRead } from '../document-read.ts';
import type { DocumentType, IdentityDocument } from './documents.ts';

type Language = 'zh' | 'en';

export const documentLabels: Record<DocumentType, Record<Language, { full: string; short: string }>> = {
  'resident-id': { zh: { full: '居民身份证', short: '身份证' }, en: { full: 'Resident Identity Card', short: 'ID card' } },
  'foreign-permanent': {
    zh: { full: '外国人永久居留身份证', short: '永居证' },
    en: { full: 'Foreign Permanent Resident ID Card', short: 'Permanent residence card' },
  },
  'hk-macau-permit': {
    zh: { full: '港澳居民来往内地通行证', short: '回乡证' },
    en: { full: 'Mainland Travel Permit for Hong Kong and Macao Residents', short: 'HK/Macao travel permit' },
  },
  'taiwan-permit': {
    zh: { full: '台湾居民来往大陆通行证', short: '台胞证' },
    en: { full: 'Mainland Travel Permit for Taiwan Residents', short: 'Taiwan travel permit' },
  },
  'hmt-residence': {
    zh: { full: '港澳台居民居住证', short: '居住证' },
    en: { full: 'Residence Permit for Hong Kong, Macao and Taiwan Residents', short: 'HK/Macao/Taiwan residence permit' },
  },
  passport: { zh: { full: '护照', short: '护照' }, en: { full: 'Passport', short: 'Passport' } },
};

/** 护照（GBR） / Passport (GBR); 身份证 / ID card. */
export function documentLabel(document: { type: DocumentType; country?: string | undefined }, language: Language, form: 'full' | 'short' = 'short'): string {
  const name = documentLabels[document.type][language][form];
  if (document.type !== 'passport' || !document.country) return name;
  return language === 'zh' ? `${name}（${document.country}）` : `${name} (${document.country})`;
}

/**
 * The document a door reader read, in the wallet's terms, or undefined for one no citizen is registered by
 * (a visa, a crew card). An MRZ's C-codes are the mainland travel permits: CR Hong Kong/Macao, CT Taiwan.
 */
export function documentFromRead(read: Pick<DocumentRead, 'kind' | 'documentCode' | 'issuingState' | 'number'>): IdentityDocument | undefined {
  switch (read.kind) {
    case 'resident-id':
      return { type: 'resident-id', number: read.number };
    case 'hmt-residence-permit':
      return { type: 'hmt-residence', number: read.number };
    case 'foreign-permanent-resident':
      return { type: 'foreign-permanent', number: read.number };
    case 'passport':
      return { type: 'passport', number: read.number, country: read.issuingState.replaceAll('<', '') };
    case 'travel-document':
      if (read.documentCode === 'CR') return { type: 'hk-macau-permit', number: read.number };
      if (read.documentCode === 'CT') return { type: 'taiwan-permit', number: read.number };
      return undefined;
  }
}
