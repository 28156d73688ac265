import { request } from '../../../api/client.ts';
import type { IdentityDocument } from '../../../../core/identity/documents.ts';

/**
 * Asks the server for a visitor's status by the document a door reader read (a card's chip, a passport's MRZ)
 * or staff typed, under the venue's rule. `id` is made here once per lookup: it becomes the check-in's id (at
 * once for a read, on the staff's confirm for a typed one), so a retried request cannot log the visit twice.
 */
export async function lookUpDocument(token: string, document: IdentityDocument, source: 'document' | 'typed' = 'document') {
  const id = crypto.randomUUID();
  const answer = await request('kioskIdLookup', { bearer: token, body: { id, document, source }, timeoutMs: 10_000 });
  return { id, ...answer };
}
