/**
 * What an operator watches a node by (docs/observability.md): Prometheus metrics at GET /metrics and one
 * JSON access-log line a request (pino). Both name requests by their route pattern (`/api/venues/:number`),
 * never by the raw path, and a log line carries no phone number, ID number or name: only the request id,
 * method, route, status and duration.
 */
import { randomUUID } from 'node:crypto';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, Hono, MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import { pino, type DestinationStream, type Logger } from 'pino';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Database } from '../storage/database.ts';
import { errorBody } from './errors.ts';
import { sha256Hex } from '../services/sha256.ts';

const requestIdPattern = /^[A-Za-z0-9._-]{8,64}$/;

export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const seconds = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10, 60];
  const metrics = {
    registry,
    requests: new Counter({ name: 'http_requests_total', help: 'HTTP requests answered, by route pattern and status.', labelNames: ['method', 'route', 'status'], registers: [registry] }),
    latency: new Histogram({ name: 'http_request_duration_seconds', help: 'Time to answer an HTTP request, by route pattern.', labelNames: ['method', 'route'], buckets: seconds, registers: [registry] }),
    feedLines: new Counter({ name: 'feed_lines_total', help: 'Feed lines received, by feed and outcome (stored, updated, unchanged, rejected).', labelNames: ['scope', 'outcome'], registers: [registry] }),
    syncItems: new Counter({ name: 'sync_items_total', help: 'Offline items synced by phones, by kind and outcome (stored, duplicate, rejected).', labelNames: ['kind', 'outcome'], registers: [registry] }),
    kioskSyncs: new Counter({ name: 'kiosk_sync_items_total', help: 'Visits synced by venue kiosks, by outcome.', labelNames: ['outcome'], registers: [registry] }),
    queries: new Histogram({ name: 'db_query_duration_seconds', help: 'Time of each database statement, by whether it failed.', labelNames: ['failed'], buckets: seconds, registers: [registry] }),
  };
  return metrics;
}

export type Metrics = ReturnType<typeof createMetrics>;

/** Database statement times and, on PostgreSQL, the pool's connections, into the registry. */
export function watchDatabase(metrics: Metrics, database: Database): void {
  database.observeQueries((ms, failed) => metrics.queries.observe({ failed: String(failed) }, ms / 1000));
  new Gauge({
    name: 'db_pool_connections',
    help: 'PostgreSQL pool connections by state (in use, idle, requests waiting); SQLite has one connection.',
    labelNames: ['state'],
    registers: [metrics.registry],
    collect() {
      const stats = database.poolStats() ?? { total: 1, idle: 0, waiting: 0 };
      this.set({ state: 'in_use' }, stats.total - stats.idle);
      this.set({ state: 'idle' }, stats.idle);
      this.set({ state: 'waiting' }, stats.waiting);
    },
  });
}

/** The access log; `destination` absent writes nothing (tests), main.ts passes stdout. */
export function createLogger(destination?: DestinationStream): Logger {
  return destination ? pino({ base: null, timestamp: pino.stdTimeFunctions.isoTime }, destination) : pino({ level: 'silent' });
}

const loopback = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * Whether this request may read /metrics: with METRICS_TOKEN set, only with `Authorization: Bearer <token>`;
 * without it, only from this machine and not through a proxy (a proxy on this machine sends X-Forwarded-For).
 */
function mayReadMetrics(c: Context, token: string | undefined): boolean {
  if (token) {
    const given = /^Bearer (.+)$/.exec(c.req.header('authorization') ?? '')?.[1] ?? '';
    return sha256Hex(given) === sha256Hex(token);
  }
  return loopback.has(getConnInfo(c).remote.address ?? '') && c.req.header('x-forwarded-for') === undefined;
}

/** Times and counts every request, writes its access-log line, and answers GET /metrics. */
export function instrument(app: Hono, { metrics, logger, metricsToken }: { metrics: Metrics; logger: Logger; metricsToken: string | undefined }): void {
  const observe: MiddlewareHandler = async (c, next) => {
    const started = performance.now();
    const given = c.req.header('x-request-id');
    const requestId = given && requestIdPattern.test(given) ? given : randomUUID();
    c.header('X-Request-Id', requestId);
    try {
      await next();
    } finally {
      const seconds = (performance.now() - started) / 1000;
      const route = routePath(c) || 'unmatched';
      const status = c.res.status;
      metrics.requests.inc({ method: c.req.method, route, status });
      metrics.latency.observe({ method: c.req.method, route }, seconds);
      logger.info({ requestId, method: c.req.method, route, status, durationMs: Math.round(seconds * 10000) / 10 }, 'request');
    }
  };
  app.use(observe);
  app.get('/metrics', async (c) => {
    if (!mayReadMetrics(c, metricsToken)) return c.json(errorBody('forbidden', 'Metrics are read from this machine, or with the METRICS_TOKEN.'), 403);
    return c.body(await metrics.registry.metrics(), 200, { 'Content-Type': metrics.registry.contentType, 'Cache-Control': 'no-store' });
  });
}
