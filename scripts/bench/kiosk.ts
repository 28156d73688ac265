/**
 * 数字哨兵 throughput and soak on Chromium's fake camera, against the built app (`npm run build` first) and a
 * real server over a temporary SQLite.
 *
 * Throughput: CODES citizens (made through a provider's citizens and PCR feeds, so each is a distinct person)
 * pass the camera one after another, PER_CODE_MS each, three in four as live phone codes (compact form,
 * signed by a device key made here) and one in four as paper codes. It counts the verdicts the kiosk put up
 * during that single pass (read at first showing), their rate, and the check-ins the server stored for the
 * venue once the kiosk's outbox drained (logged).
 *
 * Soak: twelve paper codes loop, a second each, for SOAK_MINUTES; every person comes round again after 12 s,
 * beyond the 10 s repeat window, so each loop is twelve new visits. The JS heap is read through CDP after a
 * forced collection (HeapProfiler.collectGarbage, then Runtime.getHeapUsage) a minute in and at the end.
 *
 *   npm run bench:kiosk                                   60 codes, 1 s each
 *   npm run bench:kiosk -- --codes 60 --per-code-ms 500   faster, to find the limit
 *   npm run bench:kiosk -- --soak-minutes 15
 *   npm run bench:kiosk -- --soak-minutes 4 --heap-snapshots DIR   also DIR/start.heapsnapshot and DIR/end.heapsnapshot,
 *                                                                   compared by `npx tsx scripts/bench/heap-diff.ts DIR/start.heapsnapshot DIR/end.heapsnapshot`
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from '@playwright/test';
import { endpoints } from '../../core/contract/endpoints.ts';
import { presentCompactCode } from '../../core/crypto/compact-code.ts';
import { ecdsa } from '../../core/crypto/signed-token.ts';
import { loginCookie } from '../../testing/server/demo-login.ts';
import { launchWithCamera, phoneContext } from '../../testing/camera/fake-camera.ts';
import { writeQrSequenceY4m } from '../../testing/camera/y4m.ts';
import { startServer } from '../../server/server.ts';
import { testIdNumber } from '../../testing/server/post-feed.ts';
import { residentId } from '../../core/identity/documents.ts';

const { values } = parseArgs({
  options: {
    codes: { type: 'string', default: '60' },
    'per-code-ms': { type: 'string', default: '1000' },
    'soak-minutes': { type: 'string' },
    'heap-snapshots': { type: 'string' },
  },
});
const soakMinutes = values['soak-minutes'] === undefined ? null : Number(values['soak-minutes']);
const codeCount = soakMinutes === null ? Number(values.codes) : 12;
const perCodeMs = soakMinutes === null ? Number(values['per-code-ms']) : 1000;
const framesPerCode = Math.max(1, Math.round(perCodeMs / 100));
const leadFrames = 30;

const load = () => loadavg().map((n) => n.toFixed(1)).join(' / ');
const dataDir = mkdtempSync(join(tmpdir(), 'suishen-kiosk-bench-'));
const server = await startServer({ port: 0, database: { engine: 'sqlite', dataDir }, demo: true, distDir: 'dist' });

async function api(path: string, init: { method?: string; cookie?: string; token?: string; body?: unknown; ndjson?: string } = {}): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': init.ndjson === undefined ? 'application/json' : 'application/x-ndjson' };
  if (init.cookie) headers.cookie = init.cookie;
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  const body = init.ndjson ?? (init.body === undefined ? undefined : JSON.stringify(init.body));
  const response = await fetch(`${server.url}/api${path}`, { method: init.method ?? 'GET', headers, body });
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${await response.text()}`);
  return response;
}

/** Records each verdict the kiosk puts up, with its time, and whether it was a pass. */
const recordVerdicts = () => {
  const record = window as unknown as { verdicts: { at: number; pass: boolean; text: string }[] };
  record.verdicts = [];
  new MutationObserver((mutations) => {
    for (const mutation of mutations) {
      for (const node of mutation.addedNodes) {
        if (!(node instanceof HTMLElement)) continue;
        const verdict = node.matches('.verdict') ? node : node.querySelector('.verdict');
        if (verdict) record.verdicts.push({ at: performance.now(), pass: verdict.classList.contains('verdict--pass'), text: verdict.textContent });
      }
    }
  }).observe(document, { childList: true, subtree: true });
};

const verdictsOf = (page: Page) => page.evaluate(() => (window as unknown as { verdicts: { at: number; pass: boolean; text: string }[] }).verdicts.length);

try {
  console.log(`machine load (1/5/15 min) at start: ${load()}`);
  const phone = '13800000001';
  const cookie = await loginCookie(server.url, phone);
  const { venue } = endpoints.registerVenue.response.parse(
    await (await api('/venues', { method: 'POST', cookie, body: { name: '长宁来福士', district: '长宁区', address: '长宁路1139号', kind: 'shop' } })).json(),
  );
  const { pairingToken } = endpoints.pairKiosk.response.parse(await (await api(`/venues/${venue.number}/kiosks`, { method: 'POST', cookie, body: { label: 'bench' } })).json());

  // Distinct people: a provider feeds citizens and a negative PCR from 10 h ago for each.
  const key = await server.services.providers.add('bench-provider', 'citizens,pcr-results');
  const idNumbers = Array.from({ length: codeCount }, (_, n) => testIdNumber(n + 1, '19700101'));
  const sampledAt = new Date(Date.now() - 10 * 3600_000).toISOString();
  await api('/feeds/citizens', { method: 'POST', token: key, ndjson: idNumbers.map((idNumber, n) => JSON.stringify({ externalId: `c${n}`, idNumber, name: `测试${n}号` })).join('\n') });
  await api('/feeds/pcr-results', {
    method: 'POST',
    token: key,
    ndjson: idNumbers.map((idNumber, n) => JSON.stringify({ externalId: `p${n}`, idNumber, sampledAt, reportedAt: sampledAt, result: 'negative', institution: '长宁区疾控' })).join('\n'),
  });
  const citizens = await server.storage.citizens.byDocuments(idNumbers.map(residentId));
  const subjects = idNumbers.map((idNumber) => citizens.find((citizen) => citizen.id_number === idNumber)?.id ?? '');

  // Made last, just before the camera starts: a live code is fresh for 90 s.
  const codes: string[] = [];
  for (const [n, subject] of subjects.entries()) {
    if (soakMinutes !== null || n % 4 === 3) {
      codes.push((await server.services.credentials.paperCode(subject, subject)).code);
      continue;
    }
    const device = await crypto.subtle.generateKey(ecdsa, false, ['sign', 'verify']);
    const publicJwk = await crypto.subtle.exportKey('jwk', device.publicKey);
    const issued = await server.services.credentials.credential(subject, subject, { x: publicJwk.x ?? '', y: publicJwk.y ?? '' });
    codes.push(await presentCompactCode(issued.compact ?? '', device.privateKey, Date.now()));
  }
  const video = join(dataDir, 'queue.y4m');
  // The throughput run's queue passes once: a long empty tail keeps the loop from showing it again while measuring.
  writeQrSequenceY4m(video, codes, soakMinutes === null ? { framesPerCode, leadFrames, tailFrames: 600 } : { framesPerCode });

  const browser = await launchWithCamera(video);
  const context = await phoneContext(browser, server.url);
  await context.addInitScript(recordVerdicts);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const heapMb = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    return usedSize / 1024 / 1024;
  };
  const snapshotDir = values['heap-snapshots'];
  const heapSnapshot = async (name: string) => {
    if (snapshotDir === undefined) return;
    mkdirSync(snapshotDir, { recursive: true });
    const chunks: string[] = [];
    const collect = ({ chunk }: { chunk: string }) => chunks.push(chunk);
    cdp.on('HeapProfiler.addHeapSnapshotChunk', collect);
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
    cdp.off('HeapProfiler.addHeapSnapshotChunk', collect);
    writeFileSync(join(snapshotDir, `${name}.heapsnapshot`), chunks.join(''));
  };
  await page.goto(`/kiosk#pair=${encodeURIComponent(pairingToken)}`);
  await page.locator('.kiosk-camera[data-state="running"]').waitFor({ timeout: 60_000 });
  const countLogged = async () =>
    Number((await server.database.db.selectFrom('check_ins').select((eb) => eb.fn.countAll().as('n')).where('venue_number', '=', venue.number).executeTakeFirstOrThrow()).n);

  if (soakMinutes === null) {
    // One pass of the queue, then what the kiosk did with it.
    await page.waitForTimeout(leadFrames * 100 + codeCount * perCodeMs + 3000);
    const verdicts = await page.evaluate(() => (window as unknown as { verdicts: { at: number; pass: boolean }[] }).verdicts);
    const first = verdicts.map((verdict) => verdict.at);
    const spanMs = first.length > 1 ? Math.max(...first) - Math.min(...first) + perCodeMs : perCodeMs;
    await page.getByTestId('kiosk-sync').filter({ hasText: '登记已全部上传' }).waitFor({ timeout: 60_000 });
    const logged = await countLogged();
    const passes = verdicts.filter((verdict) => verdict.pass).length;
    const paper = Math.floor(codeCount / 4);
    console.log(`queue: ${codeCount} people (${codeCount - paper} live phone codes, ${paper} paper codes), ${perCodeMs} ms each (${(60_000 / perCodeMs).toFixed(0)} a minute presented), fake camera 640×480 @ 10 fps`);
    console.log(`  recognised at first showing: ${verdicts.length} of ${codeCount} (${((100 * verdicts.length) / codeCount).toFixed(1)} %), ${passes} PASS`);
    console.log(`  recognised per minute: ${((verdicts.length / spanMs) * 60_000).toFixed(1)} (first to last verdict ${(spanMs / 1000).toFixed(1)} s)`);
    console.log(`  logged by the server after the outbox drained: ${logged} (${((logged / spanMs) * 60_000).toFixed(1)} a minute)`);
  } else {
    await page.waitForTimeout(60_000);
    const startHeap = await heapMb();
    await heapSnapshot('start');
    const startVerdicts = await verdictsOf(page);
    console.log(`soak: 12 paper codes looping, 1 s each, ${soakMinutes} min; heap after 1 min (after GC): ${startHeap.toFixed(2)} MB`);
    for (let minute = 2; minute <= soakMinutes; minute++) {
      await page.waitForTimeout(60_000);
      console.log(`  minute ${minute}: heap ${(await heapMb()).toFixed(2)} MB, verdicts ${await verdictsOf(page)}, logged ${await countLogged()}, load ${load()}`);
    }
    const endHeap = await heapMb();
    await heapSnapshot('end');
    await page.getByTestId('kiosk-sync').filter({ hasText: '登记已全部上传' }).waitFor({ timeout: 60_000 });
    const verdicts = await verdictsOf(page);
    console.log(`  heap before ${startHeap.toFixed(2)} MB → after ${endHeap.toFixed(2)} MB (${(endHeap - startHeap >= 0 ? '+' : '') + (endHeap - startHeap).toFixed(2)} MB)`);
    console.log(`  verdicts in the measured ${soakMinutes - 1} min: ${verdicts - startVerdicts}; logged in all: ${await countLogged()}`);
  }
  await browser.close();
  console.log(`machine load (1/5/15 min) at end: ${load()}`);
} finally {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
}
