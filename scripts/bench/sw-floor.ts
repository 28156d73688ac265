/**
 * The second floor of time to code (scripts/bench/bench.ts): the static floor page, served offline by a service
 * worker of its own that does nothing but answer it from its cache. Against it the panel's offline start shows what
 * the app adds; against the plain floor, what any service worker's start costs.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BrowserContext } from '@playwright/test';

/**
 * Precaches the floor page on install and answers every navigation from that cache in the fetch event itself: no
 * router, no manifest, nothing to evaluate first. Plain JavaScript, served as written.
 */
const floorWorker = `const cacheName = 'floor';
self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(cacheName).then((cache) => cache.add('/')).then(() => self.skipWaiting()));
});
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
self.addEventListener('fetch', (event) => {
  if (event.request.mode !== 'navigate') return;
  event.respondWith(caches.open(cacheName).then((cache) => cache.match('/')).then((page) => page ?? fetch(event.request)));
});
`;

export interface SwFloorServer {
  url: string;
  close(): Promise<void>;
}

/** Serves the floor page at / and its worker at /floor-sw.js, on a port (so an origin) of its own. */
export async function startSwFloorServer(floorHtml: string): Promise<SwFloorServer> {
  const server = createServer((request, response) => {
    if (request.url === '/floor-sw.js') {
      response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' });
      response.end(floorWorker);
    } else {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' });
      response.end(floorHtml);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

/** The one online visit: the floor page, its worker registered from the page and controlling it. */
export async function installSwFloor(context: BrowserContext, url: string): Promise<void> {
  const page = await context.newPage();
  await page.goto(url);
  await page.evaluate(async () => {
    await navigator.serviceWorker.register('/floor-sw.js');
    await navigator.serviceWorker.ready;
  });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await page.close();
}
