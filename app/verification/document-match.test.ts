import { describe, expect, it } from 'vitest';
import type { DocumentRead } from '../../core/document-read.ts';
import { mrzLines, travelDocuments } from '../../testing/mrz-documents.ts';
import { readMrzLines } from '../mrz/mrz-text.ts';
import { matchDocument } from './document-match.ts';

/** Demo citizen (g)'s passport as the MRZ reader hands it on. */
const lines = travelDocuments[0] && readMrzLines(mrzLines(travelDocuments[0]), '2026-12-04');
if (!lines) throw new Error('fixture');
const read: DocumentRead = { ...lines.document, readAt: '2026-12-04T12:00:00+08:00' };
const paper = (type: 'passport' | 'resident-id', maskedIdNumber: string, country?: string) => ({
  maskedIdNumber,
  document: { type, ...(country ? { country } : {}) },
  printedAt: 0,
  validUntil: 1,
});
const name = 'S**** O***** R***';

describe('matchDocument', () => {
  it('matches her paper code by name, document type, issuing state and masked number', () => {
    expect(matchDocument(read, { maskedName: name, paper: paper('passport', '9******73', 'GBR') })).toEqual({ name: true, document: true });
  });

  it('refuses another passport: a different number, another state, or a resident ID printed', () => {
    expect(matchDocument(read, { maskedName: name, paper: paper('passport', '9******74', 'GBR') }).document).toBe(false);
    expect(matchDocument(read, { maskedName: name, paper: paper('passport', '9******73', 'AUS') }).document).toBe(false);
    expect(matchDocument(read, { maskedName: name, paper: paper('resident-id', '925***********6473') }).document).toBe(false);
    expect(matchDocument({ ...read, name: 'SMITH JOHN' }, { maskedName: name, paper: paper('passport', '9******73', 'GBR') })).toEqual({ name: false, document: true });
  });

  it('compares only the name for a live code, which names no document', () => {
    expect(matchDocument(read, { maskedName: name, paper: null })).toEqual({ name: true, document: null });
    expect(matchDocument(read, { maskedName: '张*三', paper: null })).toEqual({ name: false, document: null });
  });

  it('refuses a travel document no citizen is registered by', () => {
    expect(matchDocument({ ...read, kind: 'travel-document', documentCode: 'V' }, { maskedName: name, paper: paper('passport', '9******73', 'GBR') }).document).toBe(false);
  });
});
