/**
 * Whether the document a reader read (a passport's MRZ at the staff verifier) is the one a checked code names,
 * from what both show masked, offline: the masked name always; for a paper code, which carries it, also the
 * document's type, issuing state and masked number. A phone's live code names no document.
 */
import type { DocumentRead } from '../../core/document-read.ts';
import { documentFromRead } from '../../core/identity/labels.ts';
import { maskDocumentNumber, maskName } from '../../core/identity/masking.ts';
import type { PaperDetails } from './verify-health-code.ts';

export interface DocumentMatch {
  name: boolean;
  /** null for a live code, which carries no document to compare. */
  document: boolean | null;
}

export function matchDocument(read: DocumentRead, code: { maskedName: string; paper: PaperDetails | null }): DocumentMatch {
  const name = maskName(read.name) === code.maskedName;
  if (!code.paper) return { name, document: null };
  const identity = documentFromRead(read);
  const printed = code.paper.document;
  const document =
    identity !== undefined &&
    identity.type === printed.type &&
    (identity.type !== 'passport' || identity.country === printed.country) &&
    maskDocumentNumber(identity) === code.paper.maskedIdNumber;
  return { name, document };
}
