/**
 * Puts Tesseract's glyphs back on the MRZ's grid. OCR-B is monospaced and every MRZ line has a fixed length,
 * so each glyph's box says which cell it is in; where Tesseract merged two fillers into one wide "K" or
 * dropped them, the cells it covers or skipped are fillers. What comes out is lines of exactly the
 * format's length, and the cells OCR was unsure of (for the check-digit repair, ./mrz-text.ts).
 */
export interface Glyph {
  text: string;
  confidence: number;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface RowGeometry {
  left: number;
  pitch: number;
  top: number;
  bottom: number;
}

export interface GridRead {
  lines: string[];
  uncertain: Set<string>;
  rows: RowGeometry[];
}

/** Below this confidence (0–100) a glyph is one the repair may change. */
const sureConfidence = 80;

/** Glyphs in `rows` rows, split at the widest vertical gaps between glyph centres. */
function rowsOf(glyphs: Glyph[], rows: number): Glyph[][] | null {
  if (glyphs.length < rows) return null;
  const sorted = [...glyphs].sort((a, b) => a.y0 + a.y1 - (b.y0 + b.y1));
  const gaps = sorted.slice(1).map((glyph, i) => ({ at: i + 1, gap: (glyph.y0 + glyph.y1 - ((sorted[i]?.y0 ?? 0) + (sorted[i]?.y1 ?? 0))) / 2 }));
  const cuts = gaps
    .sort((a, b) => b.gap - a.gap)
    .slice(0, rows - 1)
    .map((cut) => cut.at)
    .sort((a, b) => a - b);
  const out: Glyph[][] = [];
  let start = 0;
  for (const cut of [...cuts, sorted.length]) {
    out.push(sorted.slice(start, cut).sort((a, b) => a.x0 - b.x0));
    start = cut;
  }
  return out;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

export function rowGeometry(row: Glyph[], length: number): RowGeometry {
  const left = Math.min(...row.map((glyph) => glyph.x0));
  const right = Math.max(...row.map((glyph) => glyph.x1));
  return { left, pitch: (right - left) / length, top: median(row.map((glyph) => glyph.y0)), bottom: median(row.map((glyph) => glyph.y1)) };
}

function lineOnGrid(row: Glyph[], length: number, rowIndex: number, uncertain: Set<string>): string {
  const { left, pitch } = rowGeometry(row, length);
  const cells: (string | null)[] = Array.from({ length }, () => null);
  for (const glyph of row) {
    const span = Math.max(1, Math.round((glyph.x1 - glyph.x0) / pitch));
    const first = Math.max(0, Math.min(length - span, Math.floor(((glyph.x0 + glyph.x1) / 2 - left) / pitch - (span - 1) / 2)));
    const char = glyph.text.charAt(0);
    for (let cell = first; cell < first + span; cell += 1) {
      // A glyph over two cells is fillers read as one letter; a second glyph in a cell keeps the surer one.
      cells[cell] = span > 1 ? '<' : char;
      if (span > 1 || glyph.confidence < sureConfidence) uncertain.add(`${rowIndex}:${cell}`);
    }
  }
  return cells
    .map((cell, i) => {
      if (cell !== null) return cell;
      uncertain.add(`${rowIndex}:${i}`);
      return '<';
    })
    .join('');
}

/** The glyphs of a band of `rows` MRZ lines as lines of each length the format allows (TD1 30; TD2 36 or TD3 44). */
export function gridReads(glyphs: Glyph[], rows: number): GridRead[] {
  const clean = glyphs.filter((glyph) => /^[A-Z0-9<]$/.test(glyph.text.charAt(0)) && glyph.x1 > glyph.x0);
  const grouped = rowsOf(clean, rows);
  if (!grouped || grouped.some((row) => row.length < 8)) return [];
  const lengths = rows === 3 ? [30] : [44, 36];
  return lengths.map((length) => {
    const uncertain = new Set<string>();
    return { lines: grouped.map((row, index) => lineOnGrid(row, length, index, uncertain)), uncertain, rows: grouped.map((row) => rowGeometry(row, length)) };
  });
}
