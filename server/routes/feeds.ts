import { Hono } from 'hono';
import { endpoints, type ResponseOf } from '../../core/contract/endpoints.ts';
import { feedScope, maxFeedLineBytes } from '../../core/contract/feeds.ts';
import type { Services } from '../compose.ts';
import { HttpError } from '../http/errors.ts';
import { under } from '../http/mount.ts';
import { ndjsonLines } from '../http/ndjson-lines.ts';
import type { ProviderVariables } from '../http/provider-auth.ts';

/** Data providers' NDJSON feeds at `/feeds` behind their API keys (services/feeds.ts); the body is read as a stream. */
export function feedRoutes({ feeds, metrics }: Services) {
  return new Hono<{ Variables: ProviderVariables }>().post(under('/feeds')(endpoints.postFeed.path), async (c) => {
    const scope = feedScope.safeParse(c.req.param('scope'));
    if (!scope.success) throw new HttpError(404, 'not_found', `No feed ${c.req.param('scope')}; feeds are ${feedScope.options.join(', ')}.`);
    const provider = c.get('provider');
    if (!provider.scopes.includes(scope.data)) throw new HttpError(403, 'forbidden', `This key may not send the ${scope.data} feed.`);
    if (!/^application\/x-ndjson\b/i.test(c.req.header('content-type') ?? '')) {
      throw new HttpError(415, 'unsupported_media_type', 'Send the feed as application/x-ndjson, one JSON object a line.');
    }
    const result = await feeds.ingest(provider.name, scope.data, ndjsonLines(c.req.raw.body, maxFeedLineBytes));
    for (const [outcome, lines] of Object.entries(result.summary)) metrics.feedLines.inc({ scope: scope.data, outcome }, lines);
    return c.json<ResponseOf<'postFeed'>>(result);
  });
}
