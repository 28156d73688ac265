import { Hono } from 'hono';
import { endpoints, maxSyncBatchBytes, syncItem, type ResponseOf, type SyncItem, type SyncItemResult } from '../../core/contract.ts';
import { HttpError } from '../http/errors.ts';
import { readJson } from '../http/json-body.ts';
import { requireSession, type SessionVariables } from '../http/session.ts';
import type { Services } from '../services.ts';

/**
 * Writes from devices' outboxes. Each item carries a client-made id; an id already stored answers
 * 'duplicate' and changes nothing, so a device may resend after any failure without fear.
 * The batch answers per item; the single-item route answers with the item's own HTTP status.
 */
export function syncRoutes({ auth, syncItems, syncHandlers }: Services) {
  const app = new Hono<{ Variables: SessionVariables }>();
  app.use('/sync/*', requireSession(auth));

  function store(citizenId: string, item: SyncItem): SyncItemResult {
    const owner = syncItems.ownerOf(item.id);
    if (owner === citizenId) return { id: item.id, status: 'duplicate' };
    if (owner) throw new HttpError(409, 'bad_request', 'This id was already used by someone else.');
    const handler = syncHandlers[item.kind];
    if (!handler) throw new HttpError(400, 'bad_request', `Unknown kind ${item.kind}.`);
    const parsed = handler.payload.safeParse(item.payload);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new HttpError(400, 'invalid_body', `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid payload'}`);
    }
    const receivedAt = new Date();
    syncItems.transaction(() => {
      handler.apply(parsed.data, { id: item.id, citizenId, receivedAt });
      syncItems.record({ id: item.id, citizenId, kind: item.kind, receivedAt: receivedAt.toISOString() });
    });
    return { id: item.id, status: 'stored' };
  }

  function storeOrRefuse(citizenId: string, item: SyncItem): SyncItemResult {
    try {
      return store(citizenId, item);
    } catch (error) {
      if (!(error instanceof HttpError) || error.status >= 500) throw error;
      return { id: item.id, status: 'rejected', error: { code: error.code, message: error.message } };
    }
  }

  return app
    .post(endpoints.syncBatch.path, async (c) => {
      const body = await readJson(c, endpoints.syncBatch.body, maxSyncBatchBytes);
      const citizenId = c.get('citizenId');
      return c.json<ResponseOf<'syncBatch'>>({ results: body.items.map((item) => storeOrRefuse(citizenId, item)) });
    })
    .post('/sync/item', async (c) => {
      const item = await readJson(c, syncItem, maxSyncBatchBytes);
      const result = store(c.get('citizenId'), item);
      return c.json(result, result.status === 'stored' ? 201 : 200);
    });
}
