/**
 * From OCR'd MRZ lines to a checked document read: parsed by the maintained `mrz` library (ICAO 9303 TD1,
 * TD2, TD3), OCR's usual confusions repaired only where the document's own check digits confirm the repair
 * (O/0, I/1, B/8, S/5, Z/2, G/6, D/0, and `<` read as K, L or C), and refused whenever a check digit or the
 * composite check still fails. A read that is refused is no read: the camera tries the next frame.
 */
import { parse, type ParseResult } from 'mrz';
import type { DocumentRead } from '../../core/document-read.ts';

export type MrzFormat = 'TD1' | 'TD2' | 'TD3';

export const lineLengths: Record<MrzFormat, { lines: number; length: number }> = {
  TD1: { lines: 3, length: 30 },
  TD2: { lines: 2, length: 36 },
  TD3: { lines: 2, length: 44 },
};

export interface MrzRead {
  format: MrzFormat;
  lines: string[];
  document: Omit<DocumentRead, 'readAt'>;
}

/**
 * Glyphs OCR takes for one another in OCR-B. Symmetric: whatever a glyph is misread as, the repair can turn
 * it back; and every look-alike is tried, so that a read two repairs could explain is refused as ambiguous.
 */
const lookAlikeGroups = ['0ODQ', '1I7T', '2Z7', '5S6', '6G5', '8B3', '4AH', '9G', '<KCL'];
const lookAlikes = (char: string): string[] => [...new Set(lookAlikeGroups.filter((group) => group.includes(char)).join('').replaceAll(char, ''))];

const checkedFields = ['documentNumber', 'birthDate', 'expirationDate', 'personalNumber', 'optional1', 'compositeCheckDigit'];

function checkDigitsPass(result: ParseResult): boolean {
  return result.details.every((detail) => detail.valid || !detail.field || !/CheckDigit$|documentNumber|birthDate|expirationDate|personalNumber/.test(detail.field));
}

/** Every field valid: check digits, the composite, dates, state codes. */
const wholeValid = (result: ParseResult) => result.valid;

function tryParse(lines: string[]): ParseResult | null {
  try {
    return parse(lines, { autocorrect: true });
  } catch {
    return null;
  }
}

/**
 * Fillers where ICAO allows nothing else, which OCR reads as K, L or C: a run at the end of a line after two
 * fillers, and (outside the name, where `<K<` could be an initial) one glyph between two fillers.
 */
export function tidyFillers(line: string, hasName: boolean): string {
  const tail = line.replace(/(?<=<<)[KLC<]+$/, (run) => '<'.repeat(run.length));
  return hasName ? tail : tail.replace(/(?<=<)[KLC]{1,2}(?=<)/g, (run) => '<'.repeat(run.length));
}

/** A name field: after the given names end (`<<` after the `<<` separator) there is only filler. */
function tidyName(field: string): string {
  const separator = field.indexOf('<<');
  if (separator < 0) return field;
  const end = field.indexOf('<<', separator + 2);
  return end < 0 ? field : field.slice(0, end) + '<'.repeat(field.length - end);
}

function nameRange(format: MrzFormat): { line: number; start: number; end: number } {
  if (format === 'TD3') return { line: 0, start: 5, end: 44 };
  if (format === 'TD2') return { line: 0, start: 5, end: 36 };
  return { line: 2, start: 0, end: 30 };
}

/**
 * Check-digit-guided repair: one glyph replaced by a look-alike in each failing field, never two in the same
 * field (two changes can cancel out in a 7-3-1 sum, so a wrong number could pass). Kept only when every
 * check then passes and exactly one repair does: an ambiguous read is refused, not guessed.
 */
function repair(lines: string[], result: ParseResult, uncertain: ReadonlySet<string> | null): { result: ParseResult; lines: string[] } | null {
  // The composite spans the other fields: it only confirms their repairs, it adds none of its own.
  const failing = result.details.filter((detail) => !detail.valid && detail.field && detail.field !== 'compositeCheckDigit' && checkedFields.some((name) => detail.field?.startsWith(name)));
  const fieldPositions = failing.map((detail) =>
    detail.ranges
      .flatMap((range) => Array.from({ length: range.end - range.start }, (_, i) => [range.line, range.start + i] as [number, number]))
      .filter(([line, column]) => !uncertain || uncertain.has(`${line}:${column}`)),
  );
  const substitutions = (source: string[], [line, column]: [number, number]) => {
    const text = source[line] ?? '';
    return lookAlikes(text.charAt(column)).map((char) => {
      const copy = [...source];
      copy[line] = text.slice(0, column) + char + text.slice(column + 1);
      return copy;
    });
  };
  // Every way to change at most one glyph in each failing field (a field may also be right already, as a
  // composite failing only because of another field's error).
  let variants: string[][] = [lines];
  for (const positions of fieldPositions) {
    if (positions.length * variants.length > 600) return null;
    variants = variants.flatMap((variant) => [variant, ...positions.flatMap((position) => substitutions(variant, position))]);
  }
  const passing = new Map<string, { result: ParseResult; lines: string[] }>();
  for (const variant of variants.slice(1)) {
    const parsed = tryParse(variant);
    if (parsed && wholeValid(parsed)) passing.set(variant.join('\n'), { result: parsed, lines: variant });
  }
  return passing.size === 1 ? ([...passing.values()][0] ?? null) : null;
}

function fullYear(yymmdd: string, kind: 'birth' | 'expiry', today: string): string | null {
  if (!/^\d{6}$/.test(yymmdd)) return null;
  const yy = Number(yymmdd.slice(0, 2));
  const currentYy = Number(today.slice(2, 4));
  const currentCentury = Number(today.slice(0, 2)) * 100;
  // A birth date is never in the future; an expiry is at most a few decades ahead.
  const year = kind === 'birth' ? (yy > currentYy ? currentCentury - 100 + yy : currentCentury + yy) : yy > currentYy + 50 ? currentCentury - 100 + yy : currentCentury + yy;
  return `${year}-${yymmdd.slice(2, 4)}-${yymmdd.slice(4, 6)}`;
}

const sexOf = (value: string | null | undefined): DocumentRead['sex'] => (value === 'male' ? 'male' : value === 'female' ? 'female' : 'unspecified');

/**
 * The document in `lines` (already cut to their format's length), or null when its check digits do not all
 * pass even after repair. `today` (YYYY-MM-DD, Shanghai) resolves the two-digit years. `uncertain` names the
 * glyphs (`line:column`) OCR was unsure of: only those are repaired, which keeps the repair unambiguous.
 */
export function readMrzLines(input: readonly string[], today: string, uncertain: ReadonlySet<string> | null = null): MrzRead | null {
  const format = (Object.entries(lineLengths) as [MrzFormat, { lines: number; length: number }][]).find(([, shape]) => shape.lines === input.length && input.every((line) => line.length === shape.length))?.[0];
  if (!format) return null;
  const name = nameRange(format);
  const lines = input.map((line, index) => tidyFillers(line.toUpperCase(), index === name.line));
  const nameLine = lines[name.line] ?? '';
  lines[name.line] = nameLine.slice(0, name.start) + tidyName(nameLine.slice(name.start, name.end)) + nameLine.slice(name.end);
  const first = tryParse(lines);
  if (!first || first.format !== format) return null;
  const repaired = wholeValid(first) ? { result: first, lines } : checkDigitsPass(first) ? null : repair(lines, first, uncertain);
  if (!repaired) return null;
  const { result } = repaired;
  const { fields } = result;
  const birthDate = fullYear(fields.birthDate ?? '', 'birth', today);
  const expiry = fullYear(fields.expirationDate ?? '', 'expiry', today);
  const code = (fields.documentCode ?? '').replaceAll('<', '');
  const number = (result.documentNumber ?? fields.documentNumber ?? '').replaceAll('<', '');
  if (!birthDate || !expiry || !code || !number) return null;
  const primary = fields.lastName ?? '';
  const secondary = fields.firstName ?? '';
  return {
    format,
    lines: repaired.lines,
    document: {
      source: 'mrz',
      kind: code.startsWith('P') ? 'passport' : 'travel-document',
      documentCode: code,
      issuingState: (fields.issuingState ?? '').padEnd(3, '<'),
      nationality: fields.nationality ? fields.nationality.padEnd(3, '<') : null,
      number,
      name: [primary, secondary].filter(Boolean).join(' '),
      latinName: { primary, secondary },
      birthDate,
      sex: sexOf(fields.sex),
      expiry,
    },
  };
}
