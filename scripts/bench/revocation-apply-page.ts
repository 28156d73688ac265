/**
 * What scripts/bench/revocations.ts runs inside Chromium: the verifier's own code (core + app/verification)
 * opening a sealed list, folding it into what is held a slice at a time, and keeping it in IndexedDB, timed
 * piece by piece; the longest slice is the longest the page could not answer input. Bundled by esbuild.
 */
import { openCompactList } from '../../core/crypto/revocation-groups.ts';
import { applyRevocations, mayBeRevoked, nextTask } from '../../app/verification/revocation-check.ts';
import type { HeldRevocations } from '../../app/offline/revocation-store.ts';

export interface PageTimes {
  openMs: number;
  applyMs: number;
  longestSliceMs: number;
  storeMs: number;
  lookupUs: number;
  entries: number;
}

let held: HeldRevocations | null = null;

function put(list: HeldRevocations): Promise<void> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('bench-revocations', 1);
    open.onupgradeneeded = () => open.result.createObjectStore('revocations', { keyPath: 'id' });
    open.onerror = () => reject(open.error ?? new Error('open failed'));
    open.onsuccess = () => {
      const tx = open.result.transaction('revocations', 'readwrite');
      tx.objectStore('revocations').put({ id: 'current', list });
      tx.oncomplete = () => {
        open.result.close();
        resolve();
      };
      tx.onerror = () => reject(tx.error ?? new Error('put failed'));
    };
  });
}

async function apply(url: string, jwk: JsonWebKey, now: number): Promise<PageTimes> {
  const sealed = new Uint8Array(await (await fetch(url)).arrayBuffer());
  const began = performance.now();
  const key = await crypto.subtle.importKey('jwk', jwk, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
  const header = await openCompactList(sealed, () => key);
  if (!header) throw new Error('the list does not open');
  const opened = performance.now();
  let last = opened;
  let longestSliceMs = 0;
  held = await applyRevocations(held, header, now, async () => {
    longestSliceMs = Math.max(longestSliceMs, performance.now() - last);
    await nextTask();
    last = performance.now();
  });
  const applied = performance.now();
  await put(held);
  const stored = performance.now();
  const probes = 1000;
  for (let i = 0; i < probes; i++) await mayBeRevoked(held, { s: `probe-${i}`, iat: 0 });
  const looked = performance.now();
  return {
    openMs: opened - began,
    applyMs: applied - opened,
    longestSliceMs,
    storeMs: stored - applied,
    lookupUs: ((looked - stored) * 1000) / probes,
    entries: held.groups.reduce((sum, group) => sum + group.hashes.length, 0),
  };
}

Object.assign(globalThis, { benchApply: apply });
