/**
 * One MRZ read from one camera frame: find the band, OCR it with Tesseract (English LSTM model, only the
 * MRZ's 37 glyphs allowed, no dictionary), put the glyphs on the grid and keep the read only if its check
 * digits pass. The Tesseract worker is made by the caller (the browser's own-origin files, or Node's in the
 * benchmark), so this is the same code in both.
 */
import type { Worker } from 'tesseract.js';
import { encodePgm, findMrzBand, type Gray } from './mrz-band.ts';
import { gridReads, type Glyph, type GridRead } from './mrz-grid.ts';
import { readMrzLines, type MrzRead } from './mrz-text.ts';

export const mrzWhitelist = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<';

/** Parameters that can only be set when Tesseract starts: no word lists, they only pull glyphs towards English words. */
export const mrzInitConfig = { load_system_dawg: '0', load_freq_dawg: '0' };

export async function prepareMrzWorker(worker: Worker): Promise<void> {
  // PSM 6: one uniform block of text, the band the finder cut out.
  await worker.setParameters({ tessedit_char_whitelist: mrzWhitelist, tessedit_pageseg_mode: '6' as never, preserve_interword_spaces: '0' });
}

export type FrameOutcome = { kind: 'no-band' } | { kind: 'unreadable' } | { kind: 'read'; read: MrzRead };

function glyphsOf(blocks: Awaited<ReturnType<Worker['recognize']>>['data']['blocks']): Glyph[] {
  return (blocks ?? []).flatMap((block) =>
    block.paragraphs.flatMap((paragraph) =>
      paragraph.lines.flatMap((line) => line.words.flatMap((word) => word.symbols.map((symbol) => ({ text: symbol.text, confidence: symbol.confidence, ...symbol.bbox })))),
    ),
  );
}

/**
 * Tesseract reads OCR-B's `<` as K, L or C with confidence. Those three letters have a stroke down their left
 * side nearly the glyph's full height; the chevron has none. Cells without one are fillers.
 */
export function restoreFillers(candidate: GridRead, image: Gray): GridRead {
  const lines = candidate.lines.map((line, rowIndex) => {
    const row = candidate.rows[rowIndex];
    if (!row) return line;
    const height = row.bottom - row.top;
    return Array.from(line, (char, cell) => {
      if (!'KLC'.includes(char)) return char;
      const x0 = Math.round(row.left + cell * row.pitch);
      const x1 = Math.round(row.left + (cell + 0.6) * row.pitch);
      let longest = 0;
      for (let x = Math.max(0, x0); x < Math.min(image.width, x1); x += 1) {
        let run = 0;
        for (let y = Math.max(0, Math.round(row.top - height * 0.1)); y < Math.min(image.height, Math.round(row.bottom + height * 0.1)); y += 1) {
          run = image.data[y * image.width + x] === 0 ? run + 1 : 0;
          longest = Math.max(longest, run);
        }
      }
      return longest >= height * 0.7 ? char : '<';
    }).join('');
  });
  return { ...candidate, lines };
}

export async function readMrzFrame(worker: Worker, frame: Gray, today: string): Promise<FrameOutcome> {
  const band = findMrzBand(frame);
  if (!band) return { kind: 'no-band' };
  // A binary PGM: Tesseract's own image loader reads it in the worker, no canvas or PNG encoder needed.
  const { data } = await worker.recognize(encodePgm(band.image) as unknown as Blob, {}, { blocks: true, text: false });
  for (const grid of gridReads(glyphsOf(data.blocks), band.lines)) {
    const candidate = restoreFillers(grid, band.image);
    const read = readMrzLines(candidate.lines, today, candidate.uncertain);
    if (read) return { kind: 'read', read };
  }
  return { kind: 'unreadable' };
}
