import { serveStatic } from '@hono/node-server/serve-static';
import { extname } from 'node:path';
import type { MiddlewareHandler } from 'hono';
import { COMPRESSIBLE_CONTENT_TYPE_REGEX } from 'hono/utils/compress';

const noop = () => Promise.resolve();

/**
 * Serves the built client from one folder with @hono/node-server's serveStatic, which sends the brotli or
 * gzip copy the build wrote beside each text file (scripts/build/precompress.ts) when the browser accepts it.
 * Hashed files under /assets are cached for a year; the shell, the service worker and the manifest are
 * revalidated every time so an update is seen. A path that names a file (has an extension) and is missing
 * gets a 404, never the shell: a stale chunk must fail loudly. Any other GET is a client route and gets
 * index.html.
 */
export function serveClient(distDir: string): MiddlewareHandler {
  const files = serveStatic({ root: distDir, precompressed: true });
  const shell = serveStatic({ root: distDir, path: 'index.html', precompressed: true });
  return async (c) => {
    const pathname = c.req.path;
    const response = (await files(c, noop)) ?? (isClientRoute(pathname) ? await shell(c, noop) : undefined);
    if (!response) return c.text('Not found', 404);
    response.headers.set('Cache-Control', pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    // Shared caches must keep the brotli, gzip and plain copies apart, including when the plain one was sent.
    if (isCompressible(response) && !response.headers.has('Vary')) response.headers.set('Vary', 'Accept-Encoding');
    return response;
  };
}

/**
 * A client route has no extension and no dot segment or backslash once decoded: encoded traversals such as
 * `/..%2f..%2fetc/passwd`, which serveStatic already refused, must not be answered with the shell either.
 */
function isClientRoute(pathname: string): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return false;
  }
  return !decoded.startsWith('/assets/') && extname(decoded) === '' && !/\\|(?:^|\/)\.\.?(?:\/|$)/.test(decoded);
}

function isCompressible(response: Response): boolean {
  return COMPRESSIBLE_CONTENT_TYPE_REGEX.test(response.headers.get('Content-Type') ?? '');
}
