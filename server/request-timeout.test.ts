/**
 * Issue 22: the hour a provider's feed may take to arrive applied to every route, so a slow sender could
 * hold a connection that long anywhere. Over a raw socket to a real server whose limit is shortened to a
 * fraction of a second: a body that stops arriving is cut off on an ordinary route, not on a feed.
 */
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/server/test-server.ts';

const limitMs = 400;
let server: TestServer;
let feedKey = '';
beforeAll(async () => {
  server = await startTestServer({ bodyTimeoutMs: limitMs });
  feedKey = await server.services.providers.add('slow-lab', 'pcr-results');
}, 120_000);
afterAll(() => server.close());

/** Sends the headers and a first byte of a body that never comes whole; resolves once the server closes it, or after `waitMs`. */
function stalledUpload(path: string, headers: Record<string, string>, waitMs: number): Promise<{ closed: boolean; socket: Socket }> {
  const { port } = new URL(server.url);
  const socket = connect(Number(port), '127.0.0.1');
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ closed: false, socket }), waitMs);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ closed: true, socket });
    });
    socket.on('error', () => undefined);
    const lines = [`POST ${path} HTTP/1.1`, `Host: localhost:${port}`, 'Content-Length: 500', ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`), '', '{'];
    socket.write(lines.join('\r\n'));
  });
}

describe('a body that stops arriving', { timeout: 60_000 }, () => {
  it('is cut off on an ordinary route after the limit, and kept on a feed route for longer', async () => {
    const [ordinary, feed] = await Promise.all([
      stalledUpload('/api/auth/otp', { 'Content-Type': 'application/json' }, limitMs * 20),
      stalledUpload('/api/feeds/pcr-results', { 'Content-Type': 'application/x-ndjson', Authorization: `Bearer ${feedKey}` }, limitMs * 5),
    ]);
    expect(ordinary.closed).toBe(true);
    expect(feed.closed).toBe(false);
    feed.socket.destroy();
    ordinary.socket.destroy();
  });
});
