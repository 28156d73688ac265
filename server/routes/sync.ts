import { Hono } from 'hono';
import { endpoints, type ResponseOf } from '../../core/contract/endpoints.ts';
import { maxSyncBatchBytes } from '../../core/contract/sync.ts';
import type { Services } from '../compose.ts';
import { HttpError } from '../http/errors.ts';
import { readJson } from '../http/json-body.ts';
import { under } from '../http/mount.ts';
import type { SessionVariables } from '../http/session.ts';

/**
 * Writes from devices' outboxes at `/sync` behind the session (services/sync.ts). The batch answers per item;
 * the single-item route answers with the item's own HTTP status.
 */
export function syncRoutes({ sync, metrics }: Services) {
  const at = under('/sync');
  return new Hono<{ Variables: SessionVariables }>()
    .post(at(endpoints.syncBatch.path), async (c) => {
      const body = await readJson(c, endpoints.syncBatch.body, maxSyncBatchBytes);
      const results = await sync.storeBatch(c.get('citizenId'), body.items);
      results.forEach((result, index) => metrics.syncItems.inc({ kind: body.items[index]?.kind ?? 'unknown', outcome: result.status }));
      return c.json<ResponseOf<'syncBatch'>>({ results });
    })
    .post(at(endpoints.syncItem.path), async (c) => {
      const item = await readJson(c, endpoints.syncItem.body, maxSyncBatchBytes);
      const result = await sync.storeItem(c.get('citizenId'), item).catch((error: unknown) => {
        if (error instanceof HttpError) metrics.syncItems.inc({ kind: item.kind, outcome: 'rejected' });
        throw error;
      });
      metrics.syncItems.inc({ kind: item.kind, outcome: result.status });
      return c.json<ResponseOf<'syncItem'>>(result, result.status === 'stored' ? 201 : 200);
    });
}
