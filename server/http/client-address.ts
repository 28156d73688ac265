import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';

/**
 * The address a request came from, for per-address limits. `X-Forwarded-For` is anyone's to write, so it
 * is believed only as far as the deployment says proxies of its own stand in front (`TRUST_PROXY` = how
 * many): each appends the address it was reached from, so the client is that many entries from the end.
 * With none trusted the socket's peer is the client.
 */
export function clientAddress(c: Context, trustedProxies: number): string {
  const peer = getConnInfo(c).remote.address ?? 'unknown';
  if (trustedProxies === 0) return peer;
  const forwarded = (c.req.header('x-forwarded-for') ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  // Fewer entries than proxies: the nearest proxy was reached directly by the client, or the header is short.
  return forwarded[forwarded.length - trustedProxies] ?? forwarded[0] ?? peer;
}
