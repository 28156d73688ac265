/**
 * The document a kiosk lookup names: a typed or card-read resident ID (`idNumber`, as before documents) or
 * any document a door reader read (`document`, a passport's MRZ). Refused as `invalid_id_number` by its
 * type's rule, before the lookup counts against the kiosk's limit.
 */
import type * as z from 'zod/mini';
import type { kioskIdLookupBody } from '../../core/contract/kiosks.ts';
import { documentProblem, normaliseDocument, residentId, type IdentityDocument } from '../../core/identity/documents.ts';
import { HttpError } from '../http/errors.ts';

export function lookupDocument(body: z.infer<typeof kioskIdLookupBody>): IdentityDocument {
  const document = body.document ?? residentId(body.idNumber ?? '');
  const problem = documentProblem(document);
  if (problem) throw new HttpError(400, 'invalid_id_number', body.document ? `document: ${problem}.` : 'idNumber: must be 18 characters with a valid check character.');
  return normaliseDocument(document);
}
