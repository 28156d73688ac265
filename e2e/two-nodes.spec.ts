/**
 * Two API nodes over one real PostgreSQL behind one balancer, in a real browser: the citizen logs in
 * through node A, then every request goes to node B, and the session, the signed code, a venue and a
 * check-in's sync all work there. The balancer is a small proxy whose target the test switches, so
 * which node answered each request is known, not hoped for.
 */
import { createServer, request, type Server } from 'node:http';
import { expect, test } from '@playwright/test';
import pg from 'pg';
import { freePort, startPostgresCluster, type PostgresCluster } from '../testing/server/postgres-cluster.ts';
import { startServerProcess, stopServerProcess, waitReady, type ServerProcess } from '../testing/server/server-process.ts';
import { checkInByLink, codeUrl, registerVenueInApp } from '../testing/codes/venues.ts';
import { phone } from '../testing/browser/phone.ts';
import { loginAsDemo } from '../testing/browser/e2e-support.ts';

let cluster: PostgresCluster;
let nodes: [ServerProcess, ServerProcess];
let balancer: Server;
let balancerUrl = '';
let target = 0;
/** Every API request the balancer passed on: which node, what, and how it was answered. */
const served: { node: 'A' | 'B'; method: string; path: string; status: number }[] = [];

function startBalancer(port: number): Promise<Server> {
  const server = createServer((incoming, outgoing) => {
    const [node, name] = target === 0 ? [nodes[0], 'A' as const] : [nodes[1], 'B' as const];
    const upstream = request(
      { host: '127.0.0.1', port: node.port, method: incoming.method, path: incoming.url, headers: incoming.headers },
      (answer) => {
        const path = incoming.url ?? '';
        if (path.startsWith('/api/')) served.push({ node: name, method: incoming.method ?? '', path, status: answer.statusCode ?? 0 });
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    upstream.on('error', () => outgoing.writeHead(502).end());
    incoming.pipe(upstream);
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  cluster = await startPostgresCluster();
  const admin = new pg.Client({ connectionString: cluster.url() });
  await admin.connect();
  await admin.query('CREATE DATABASE suishen');
  await admin.end();
  const location = { engine: 'postgres', url: cluster.url('suishen') } as const;
  const a = startServerProcess(await freePort(), location, { DIST_DIR: 'dist' });
  await waitReady(a);
  const b = startServerProcess(await freePort(), location, { DIST_DIR: 'dist' });
  await waitReady(b);
  nodes = [a, b];
  const port = await freePort();
  balancer = await startBalancer(port);
  balancerUrl = `http://localhost:${port}`;
});

test.afterAll(async () => {
  await new Promise((resolve) => balancer.close(resolve));
  await Promise.all(nodes.map((node) => stopServerProcess(node)));
  cluster.stop();
});

test('a citizen logged in through node A is served by node B: session, code, venue and check-in sync', async ({ browser }) => {
  target = 0;
  const atA = await browser.newContext({ ...phone, baseURL: balancerUrl });
  await loginAsDemo(await atA.newPage(), 'a');
  expect(served.filter((entry) => entry.path === '/api/auth/login')).toEqual([{ node: 'A', method: 'POST', path: '/api/auth/login', status: 200 }]);

  // The same phone, from now on answered by B only: its session cookie, nothing else carried over, so
  // B must accept the session A made and sign a fresh credential for the phone's new device key.
  target = 1;
  const sinceB = served.length;
  const context = await browser.newContext({ ...phone, baseURL: balancerUrl, storageState: await atA.storageState() });
  await atA.close();
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.getByRole('img', { name: /随申码/ })).toBeVisible();
  await expect(page.getByText('张*三').first()).toBeVisible();
  const answeredByB = (path: string) => served.slice(sinceB).some((entry) => entry.path === path && entry.status === 200);
  await expect.poll(() => answeredByB('/api/session')).toBe(true);
  await expect.poll(() => answeredByB('/api/credential')).toBe(true);

  const venue = await registerVenueInApp(page, '两节点书店');
  await checkInByLink(page, codeUrl(balancerUrl, venue), '两节点书店');
  await expect(page.getByRole('status').filter({ hasText: '已登记' })).toBeVisible({ timeout: 20_000 });
  await expect.poll(() => answeredByB('/api/sync/batch'), { timeout: 20_000 }).toBe(true);
  expect(served.slice(sinceB).every((entry) => entry.node === 'B')).toBe(true);
  expect(served.slice(sinceB).filter((entry) => entry.status >= 500)).toEqual([]);

  const client = new pg.Client({ connectionString: cluster.url('suishen') });
  await client.connect();
  const rows = await client.query<{ citizen_id: string }>('SELECT citizen_id FROM check_ins WHERE venue_number = $1', [venue.number]);
  await client.end();
  expect(rows.rows).toEqual([{ citizen_id: 'demo-a' }]);
  await context.close();
});
