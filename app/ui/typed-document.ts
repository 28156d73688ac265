/**
 * What someone types as an identity document (staff at a desk kiosk, a citizen linking a relative), as the
 * document the server looks up: the type chosen, the number and, for a passport, the issuing country. Checked
 * by core's own rule (core/identity/documents.ts) before anything is sent, so the screen refuses exactly what
 * the server would.
 */
import type { DocumentMessageKey } from '../i18n/document-messages.ts';
import { documentProblem, normaliseDocument, type DocumentType, type IdentityDocument } from '../../core/identity/documents.ts';

export interface TypedFields {
  type: DocumentType;
  number: string;
  country: string;
}

/** Which message the screen shows: a wrong number (worded for its type) or a missing issuing country. */
export type TypedProblem = { kind: 'number'; type: DocumentType } | { kind: 'country' };

export type TypedDocument = { ok: true; document: IdentityDocument } | { ok: false; problem: TypedProblem };

export function typedDocument(fields: TypedFields): TypedDocument {
  const document: IdentityDocument = fields.type === 'passport' ? { type: 'passport', number: fields.number, country: fields.country } : { type: fields.type, number: fields.number };
  if (documentProblem(document) === undefined) return { ok: true, document: normaliseDocument(document) };
  // A passport's country is checked first by core; the number's own rule says whether the number is wrong too.
  const numberOnly: IdentityDocument = fields.type === 'passport' ? { ...document, country: 'GBR' } : document;
  return { ok: false, problem: documentProblem(numberOnly) === undefined ? { kind: 'country' } : { kind: 'number', type: fields.type } };
}

/** What the screen says of a typed document its type's rule refuses, worded for that type (document-messages.ts). */
export const documentProblemKey = (problem: TypedProblem): DocumentMessageKey =>
  problem.kind === 'country' ? 'document.invalid.country' : `document.invalid.${problem.type}`;
