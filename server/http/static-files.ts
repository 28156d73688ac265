import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { Readable } from 'node:stream';
import type { Context } from 'hono';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

/**
 * Serves the built client from one folder. Hashed files under /assets are cached for a year; the shell,
 * the service worker and the manifest are revalidated every time so an update is seen. A path that names
 * a file (has an extension) and is missing gets a 404, never the shell: a stale chunk must fail loudly.
 * Any other GET is a client route and gets index.html.
 */
export function serveClient(distDir: string) {
  const root = normalize(distDir);
  return (c: Context) => {
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(c.req.url).pathname);
    } catch {
      return c.text('Bad request', 400);
    }
    const candidate = normalize(join(root, pathname));
    if (!candidate.startsWith(root + sep) && candidate !== root) return c.text('Not found', 404);

    if (existsSync(candidate) && statSync(candidate).isFile()) return sendFile(c, candidate, pathname);
    if (pathname.startsWith('/assets/') || extname(pathname) !== '') return c.text('Not found', 404);
    return sendFile(c, join(root, 'index.html'), '/index.html');
  };
}

function sendFile(c: Context, file: string, pathname: string) {
  const immutable = pathname.startsWith('/assets/');
  const headers = new Headers({
    'Content-Type': contentTypes[extname(file)] ?? 'application/octet-stream',
    'Content-Length': String(statSync(file).size),
    'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  if (c.req.method === 'HEAD') return c.body(null, 200, Object.fromEntries(headers));
  const stream = Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>;
  return new Response(stream, { status: 200, headers });
}
