/**
 * Compression and caching over real HTTP: a built client compressed by the build's own precompress step,
 * served by the real server, asked for with the Accept-Encoding headers browsers send. Node's http client
 * is used because it hands back the bytes as sent, where fetch would decode them.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endpoints } from '../../core/contract/endpoints.ts';
import { precompressDir } from '../../scripts/build/precompress.ts';
import { startServer, type RunningServer } from '../server.ts';
import { unusedSmsWebhook } from '../../testing/server/sms-receiver.ts';

interface SentResponse {
  status: number;
  headers: Headers;
  /** The body as it crossed the wire, still compressed. */
  sent: Buffer;
}

function get(baseUrl: string, path: string, acceptEncoding: string | null, method = 'GET'): Promise<SentResponse> {
  const { hostname, port } = new URL(baseUrl);
  const headers = acceptEncoding === null ? {} : { 'accept-encoding': acceptEncoding };
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method, headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (part: Buffer) => parts.push(part));
      res.on('end', () => {
        const received = new Headers();
        for (const [name, value] of Object.entries(res.headers)) if (typeof value === 'string') received.set(name, value);
        resolve({ status: res.statusCode ?? 0, headers: received, sent: Buffer.concat(parts) });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

function decoded(response: SentResponse): string {
  const encoding = response.headers.get('content-encoding');
  if (encoding === 'br') return brotliDecompressSync(response.sent).toString('utf8');
  if (encoding === 'gzip') return gunzipSync(response.sent).toString('utf8');
  return response.sent.toString('utf8');
}

/** What Chromium sends: it accepts zstd too, which the build does not write, so brotli must win. */
const chromium = 'gzip, deflate, br, zstd';

describe('compressed static client', () => {
  let root = '';
  let server: RunningServer;
  // Big and repetitive enough that every encoding shrinks it.
  const script = `export const rows = [${Array.from({ length: 400 }, (_, i) => `{ id: ${i}, label: "row ${i}" }`).join(', ')}];\n`;
  const shell = `<!doctype html><html lang="zh-CN"><title>随申码</title><script type="module" src="/assets/app-abc.js"></script>${' '.repeat(2000)}</html>`;
  const worker = `self.addEventListener('fetch', () => {});\n`.repeat(60);

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'suishen-compressed-'));
    const dist = join(root, 'dist');
    mkdirSync(join(dist, 'assets'), { recursive: true });
    writeFileSync(join(dist, 'index.html'), shell);
    writeFileSync(join(dist, 'sw.js'), worker);
    writeFileSync(join(dist, 'robots.txt'), 'User-agent: *\nDisallow:\n');
    writeFileSync(join(dist, 'assets', 'app-abc.js'), script);
    writeFileSync(join(dist, 'icon-192.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    precompressDir(dist);
    server = await startServer({ port: 0, database: { engine: 'sqlite', dataDir: join(root, 'data') }, demo: false, smsWebhook: unusedSmsWebhook, distDir: dist });
  });

  afterAll(async () => {
    await server.close();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it.each([
    [chromium, 'br'],
    ['gzip, deflate', 'gzip'],
    ['br', 'br'],
  ])('sends a hashed script to "%s" as %s, cached for a year', async (accept, encoding) => {
    const response = await get(server.url, '/assets/app-abc.js', accept);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-encoding')).toBe(encoding);
    expect(response.headers.get('vary')).toBe('Accept-Encoding');
    expect(response.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(Number(response.headers.get('content-length'))).toBe(response.sent.length);
    expect(response.sent.length).toBeLessThan(script.length / 3);
    expect(decoded(response)).toBe(script);
  });

  it('sends the plain file to a client that accepts no encoding, still varying on Accept-Encoding', async () => {
    for (const accept of [null, 'identity']) {
      const response = await get(server.url, '/assets/app-abc.js', accept);
      expect(response.headers.get('content-encoding')).toBeNull();
      expect(response.headers.get('vary')).toBe('Accept-Encoding');
      expect(response.sent.toString('utf8')).toBe(script);
    }
  });

  it.each(['/', '/some/client/route', '/index.html'])('sends the shell for %s compressed and revalidated every time', async (path) => {
    const response = await get(server.url, path, chromium);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-encoding')).toBe('br');
    expect(response.headers.get('vary')).toBe('Accept-Encoding');
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(decoded(response)).toBe(shell);
  });

  it('sends the service worker compressed and revalidated every time', async () => {
    const response = await get(server.url, '/sw.js', chromium);
    expect(response.headers.get('content-encoding')).toBe('br');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(decoded(response)).toBe(worker);
  });

  it('answers HEAD with the headers of the compressed copy and no body', async () => {
    const response = await get(server.url, '/assets/app-abc.js', chromium, 'HEAD');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-encoding')).toBe('br');
    expect(Number(response.headers.get('content-length'))).toBeGreaterThan(0);
    expect(response.sent.length).toBe(0);
  });

  it('never sends a compressed copy by its own name as the shell, nor a missing asset', async () => {
    expect((await get(server.url, '/assets/missing-xyz.js', chromium)).status).toBe(404);
    expect((await get(server.url, '/assets/missing-xyz.js.br', chromium)).status).toBe(404);
  });

  it('leaves images and files too small to shrink as they are', async () => {
    const icon = await get(server.url, '/icon-192.png', chromium);
    expect(icon.headers.get('content-encoding')).toBeNull();
    expect(icon.headers.get('content-type')).toBe('image/png');
    const robots = await get(server.url, '/robots.txt', chromium);
    expect(robots.headers.get('content-encoding')).toBeNull();
    expect(robots.sent.toString('utf8')).toContain('User-agent');
  });

  it('gzips API JSON for a client that accepts it, and sends it plain to one that does not', async () => {
    const zipped = await get(server.url, '/api/rule-sets', chromium);
    expect(zipped.status).toBe(200);
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(zipped.headers.get('vary')).toMatch(/Accept-Encoding/);
    const plain = await get(server.url, '/api/rule-sets', null);
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(JSON.parse(decoded(zipped))).toEqual(JSON.parse(decoded(plain)));
    endpoints.ruleSets.response.parse(JSON.parse(decoded(zipped)));
  });
});
