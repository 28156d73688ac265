import { Hono } from 'hono';
import { endpoints, type ResponseOf } from '../../core/contract/endpoints.ts';
import { maxSyncBatchBytes, syncItem } from '../../core/contract/sync.ts';
import type { Services } from '../compose.ts';
import { readJson } from '../http/json-body.ts';
import { requireSession, type SessionVariables } from '../http/session.ts';

/**
 * Writes from devices' outboxes (services/sync.ts). The batch answers per item; the single-item route
 * answers with the item's own HTTP status.
 */
export function syncRoutes({ auth, sync }: Services) {
  const app = new Hono<{ Variables: SessionVariables }>();
  app.use('/sync/*', requireSession(auth));

  return app
    .post(endpoints.syncBatch.path, async (c) => {
      const body = await readJson(c, endpoints.syncBatch.body, maxSyncBatchBytes);
      return c.json<ResponseOf<'syncBatch'>>({ results: await sync.storeBatch(c.get('citizenId'), body.items) });
    })
    .post('/sync/item', async (c) => {
      const item = await readJson(c, syncItem, maxSyncBatchBytes);
      const result = await sync.storeItem(c.get('citizenId'), item);
      return c.json(result, result.status === 'stored' ? 201 : 200);
    });
}
