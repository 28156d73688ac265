import { Hono } from 'hono';
import { endpoints, type ResponseOf } from '../../core/contract/endpoints.ts';
import { maxSyncBatchBytes } from '../../core/contract/sync.ts';
import type { Services } from '../compose.ts';
import { readJson } from '../http/json-body.ts';
import { under } from '../http/mount.ts';
import type { SessionVariables } from '../http/session.ts';

/**
 * Writes from devices' outboxes at `/sync` behind the session (services/sync.ts). The batch answers per item;
 * the single-item route answers with the item's own HTTP status.
 */
export function syncRoutes({ sync }: Services) {
  const at = under('/sync');
  return new Hono<{ Variables: SessionVariables }>()
    .post(at(endpoints.syncBatch.path), async (c) => {
      const body = await readJson(c, endpoints.syncBatch.body, maxSyncBatchBytes);
      return c.json<ResponseOf<'syncBatch'>>({ results: await sync.storeBatch(c.get('citizenId'), body.items) });
    })
    .post(at(endpoints.syncItem.path), async (c) => {
      const item = await readJson(c, endpoints.syncItem.body, maxSyncBatchBytes);
      const result = await sync.storeItem(c.get('citizenId'), item);
      return c.json<ResponseOf<'syncItem'>>(result, result.status === 'stored' ? 201 : 200);
    });
}
