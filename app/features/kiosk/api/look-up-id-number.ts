import { request } from '../../../api/client.ts';
import type { IdentityDocument } from '../../../../core/identity/documents.ts';

/**
 * Asks the server for a visitor's status by ID number, under the venue's rule. `id` is made here once per
 * lookup: on a pass it becomes the check-in's id, so a retried request cannot log the visit twice.
 */
export const lookUpIdNumber = (token: string, idNumber: string, source: 'document' | 'typed' = 'typed') =>
  request('kioskIdLookup', { bearer: token, body: { id: crypto.randomUUID(), idNumber, source }, timeoutMs: 10_000 });

/** The same lookup by the document a door reader read (a passport's MRZ, a card's chip), whatever its type. */
export const lookUpDocument = (token: string, document: IdentityDocument) =>
  request('kioskIdLookup', { bearer: token, body: { id: crypto.randomUUID(), document, source: 'document' }, timeoutMs: 10_000 });
