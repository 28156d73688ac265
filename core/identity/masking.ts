/**
 * How names and document numbers leave the server and show on a screen: never whole, masked the way 随申码
 * shows them, by the document's own convention, so staff can still match the person and the card.
 */
import type { DocumentType, IdentityDocument } from './documents.ts';

/**
 * 张小三 → 张*三, 王五 → 王*; a Latin name (as a passport writes it) keeps each word's initial:
 * ERIKSSON ANNA MARIA → E******* A*** M****, so a family name and its length stay recognisable.
 */
export function maskName(name: string): string {
  const trimmed = name.trim();
  if (/[A-Za-z]/.test(trimmed) && !/[\u3400-\u9fff]/.test(trimmed)) {
    return trimmed
      .split(/\s+/)
      .map((word) => word.charAt(0) + word.slice(1).replace(/[A-Za-z\u00C0-\u024F]/g, '*'))
      .join(' ');
  }
  const chars = Array.from(trimmed);
  if (chars.length === 0) return '';
  if (chars.length === 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/**
 * Characters kept at each end. The long numbers (18 characters, the 15-character permanent residence card)
 * keep the region or nationality and the last four, as the resident ID always has; the short permit and
 * passport numbers keep their first character (H or M says which permit) and the last two.
 */
const kept: Record<DocumentType, [head: number, tail: number]> = {
  'resident-id': [3, 4],
  'foreign-permanent': [3, 4],
  'hmt-residence': [3, 4],
  'hk-macau-permit': [1, 2],
  'taiwan-permit': [1, 2],
  passport: [1, 2],
};

function maskKeeping(number: string, [head, tail]: [number, number]): string {
  const chars = Array.from(number.trim());
  if (chars.length <= head + tail) return '*'.repeat(chars.length);
  return `${chars.slice(0, head).join('')}${'*'.repeat(chars.length - head - tail)}${chars.slice(-tail).join('')}`;
}

/** 310101199001011234 → 310***********1234; passport L898902C3 → L******C3. */
export function maskDocumentNumber(document: Pick<IdentityDocument, 'type' | 'number'>): string {
  return maskKeeping(document.number, kept[document.type]);
}

/** A number whose type is not known (a door read before it is typed): by its length alone. */
export function maskAnyNumber(number: string): string {
  return maskKeeping(number, number.trim().length >= 10 ? [3, 4] : [1, 2]);
}

/** All but the first three and last four digits, to tell the citizen which phone to look at. */
export function maskPhone(phone: string): string {
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}
