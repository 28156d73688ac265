/**
 * The identity document fields' strings (type, number, issuing country and what is wrong with a number), in both
 * languages, for every form that takes a document: the kiosk desk and the family link. Apart from the main
 * catalog because both load lazily. Chinese types the keys; English must translate every one.
 */
import type { DocumentType } from '../../core/identity/documents.ts';
import { useCatalogText } from './i18n-provider.tsx';
import type { Message } from './messages.ts';
import type { MessageValues } from './translate.ts';

export const documentZh = {
  'document.type': '证件类型',
  'document.numberLabel': '证件号码（{type}）',
  'document.country': '签发国家（三位字母代码，如 GBR）',
  'document.invalid.resident-id': '身份证号不正确：应为18位，最后一位校验码要对。请核对后重新输入。',
  'document.invalid.foreign-permanent': '永居证号码不正确：应为3位字母加12位数字，或以9开头的18位且最后一位校验码要对。请核对后重新输入。',
  'document.invalid.hk-macau-permit': '回乡证号码不正确：应为H或M加8位数字（换证次数在后时为10位）。请核对后重新输入。',
  'document.invalid.taiwan-permit': '台胞证号码不正确：应为8位数字。请核对后重新输入。',
  'document.invalid.hmt-residence': '居住证号码不正确：应以810000、820000或830000开头，共18位，最后一位校验码要对。请核对后重新输入。',
  'document.invalid.passport': '护照号码不正确：应为5到9位字母或数字。请核对后重新输入。',
  'document.invalid.country': '请填写护照签发国家：三位字母代码（如 GBR、USA），德国填 D。',
} as const satisfies Record<`document.invalid.${DocumentType}` | 'document.type' | 'document.numberLabel' | 'document.country' | 'document.invalid.country', Message>;

export type DocumentMessageKey = keyof typeof documentZh;

export const documentEn = {
  'document.type': 'Document type',
  'document.numberLabel': 'Document number ({type})',
  'document.country': 'Issuing country (3-letter code, e.g. GBR)',
  'document.invalid.resident-id': 'This ID number is wrong: it has 18 characters and the last one must check out. Please check it and type it again.',
  'document.invalid.foreign-permanent':
    'This permanent residence card number is wrong: 3 letters and 12 digits, or 18 characters starting with 9 whose last one checks out. Please check it and type it again.',
  'document.invalid.hk-macau-permit': 'This Home Return Permit number is wrong: H or M and 8 digits (10 with the issue count). Please check it and type it again.',
  'document.invalid.taiwan-permit': 'This Taiwan travel permit number is wrong: it has 8 digits. Please check it and type it again.',
  'document.invalid.hmt-residence':
    'This residence permit number is wrong: 18 characters starting with 810000, 820000 or 830000, and the last one must check out. Please check it and type it again.',
  'document.invalid.passport': 'This passport number is wrong: it has 5 to 9 letters and digits. Please check it and type it again.',
  'document.invalid.country': 'Enter the passport’s issuing country: its 3-letter code (GBR, USA), or D for Germany.',
} as const satisfies Record<DocumentMessageKey, Message>;

/** `t` for the document strings, in the language the app is shown in. */
export const useDocumentText = (): ((key: DocumentMessageKey, values?: MessageValues) => string) => useCatalogText(documentZh, documentEn);
