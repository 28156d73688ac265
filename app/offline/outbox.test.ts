import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as z from 'zod/mini';
import { storage, walletDb } from './db.ts';
import { enqueue, markAttempt, readOutbox, registerOutboxKind, removeFromOutbox } from './outbox.ts';
import { createSyncEngine, batchesOf, retryDelayMs, type SyncEngineDeps } from './sync-engine.ts';
import { syncBatchBody, type SyncItem, type SyncItemResult } from '../../core/contract/sync.ts';

registerOutboxKind({ kind: 'note', payload: z.object({ text: z.string().check(z.minLength(1)) }), invalidates: () => [['notes']] });

beforeEach(async () => {
  const db = await walletDb();
  await db.clear(storage.stores.outbox);
  vi.restoreAllMocks();
});

describe('outbox', () => {
  it('stores a write durably with a client-made uuid, per citizen, oldest first', async () => {
    const first = await enqueue('note', 'demo-a', { text: 'one' });
    const second = await enqueue('note', 'demo-a', { text: 'two' });
    await enqueue('note', 'demo-b', { text: 'other citizen' });
    expect(first.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.id).not.toBe(second.id);
    const outbox = await readOutbox('demo-a');
    expect(outbox.pending.map((item) => item.payload)).toEqual([{ text: 'one' }, { text: 'two' }]);
    expect((await readOutbox('demo-b')).pending).toHaveLength(1);
  });

  it('refuses an unknown kind or an invalid payload before storing anything', async () => {
    await expect(enqueue('teleport', 'demo-a', {})).rejects.toThrow(/not registered/);
    await expect(enqueue('note', 'demo-a', { text: '' })).rejects.toThrow(/invalid/);
    expect((await readOutbox('demo-a')).pending).toEqual([]);
  });

  it('skips records that fail validation with a logged reason and keeps reading the rest', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const good = await enqueue('note', 'demo-a', { text: 'fine' });
    const db = await walletDb();
    await db.put(storage.stores.outbox, { id: 'not-a-uuid', citizenId: 'demo-a', kind: 'note', createdAt: 1, attempts: 0, lastError: null, payload: { text: 'x' } });
    await db.put(storage.stores.outbox, { ...good, id: crypto.randomUUID(), payload: { text: 42 } });
    await db.put(storage.stores.outbox, { ...good, id: crypto.randomUUID(), kind: 'gone-kind' });
    const outbox = await readOutbox('demo-a');
    expect(outbox.pending.map((item) => item.id)).toEqual([good.id]);
    expect(warn).toHaveBeenCalledTimes(3);
    const reasons = warn.mock.calls.map((call) => String(call[0]));
    expect(reasons.some((reason) => reason.includes('malformed'))).toBe(true);
    expect(reasons.some((reason) => reason.includes('invalid note payload'))).toBe(true);
    expect(reasons.some((reason) => reason.includes('unknown outbox kind gone-kind'))).toBe(true);
  });

  it('keeps refused items apart from pending ones, and removes items only when told', async () => {
    const a = await enqueue('note', 'demo-a', { text: 'a' });
    const b = await enqueue('note', 'demo-a', { text: 'b' });
    await markAttempt([{ id: a.id, error: 'server down', rejected: false }, { id: b.id, error: 'bad kit', rejected: true }]);
    let outbox = await readOutbox('demo-a');
    expect(outbox.pending).toMatchObject([{ id: a.id, attempts: 1, lastError: 'server down' }]);
    expect(outbox.rejected).toMatchObject([{ id: b.id, rejected: 'bad kit' }]);
    await removeFromOutbox([a.id]);
    outbox = await readOutbox('demo-a');
    expect(outbox.pending).toEqual([]);
    expect(outbox.rejected).toHaveLength(1);
  });
});

describe('sync engine', () => {
  function engineWith(send: SyncEngineDeps['send'], online = true) {
    const stored: string[][] = [];
    const engine = createSyncEngine({
      send,
      onStored: (_citizen, kinds) => stored.push([...kinds]),
      isOnline: () => online,
      isFinal: () => false,
    });
    return { engine, stored };
  }
  const answer = (status: SyncItemResult['status']) => (items: SyncItem[]) => Promise.resolve(items.map((item) => ({ id: item.id, status })));

  it('sends the queue, empties it on stored or duplicate, and reports the kinds stored', async () => {
    const sent: string[] = [];
    const first = await enqueue('note', 'demo-a', { text: 'one' });
    const { engine, stored } = engineWith((items) => {
      sent.push(...items.map((item) => item.id));
      return answer('duplicate')(items);
    });
    engine.setCitizen('demo-a');
    await engine.flush();
    expect(sent).toEqual([first.id]);
    expect((await readOutbox('demo-a')).pending).toEqual([]);
    expect(stored).toEqual([['note']]);
    expect(engine.getState()).toMatchObject({ pending: 0, lastFailedAt: null });
    expect(engine.getState().lastSyncedAt).not.toBeNull();
    engine.dispose();
  });

  it('keeps everything when the server fails, and says so', async () => {
    await enqueue('note', 'demo-a', { text: 'one' });
    const { engine } = engineWith(() => Promise.reject(new Error('HTTP 500')));
    engine.setCitizen('demo-a');
    await engine.flush();
    const outbox = await readOutbox('demo-a');
    expect(outbox.pending).toMatchObject([{ attempts: 1, lastError: 'HTTP 500' }]);
    expect(engine.getState()).toMatchObject({ pending: 1 });
    expect(engine.getState().lastFailedAt).not.toBeNull();
    engine.dispose();
  });

  it('does not send while offline, and keeps refused items without resending them', async () => {
    await enqueue('note', 'demo-a', { text: 'one' });
    const send = vi.fn(answer('rejected'));
    const offline = engineWith(send, false);
    offline.engine.setCitizen('demo-a');
    await offline.engine.flush();
    expect(send).not.toHaveBeenCalled();
    expect(offline.engine.getState()).toMatchObject({ online: false, pending: 1 });
    offline.engine.dispose();

    const online = engineWith(send);
    online.engine.setCitizen('demo-a');
    await online.engine.flush();
    await online.engine.flush();
    expect(send).toHaveBeenCalledTimes(1);
    expect(online.engine.getState()).toMatchObject({ pending: 0, rejected: 1 });
    online.engine.dispose();
  });

  it('says offline while the network is attached but the server never answers, and online again only once a send gets through', async () => {
    // Only the engine's retry timer is faked: fake-indexeddb schedules its own work with setImmediate.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      await enqueue('note', 'demo-a', { text: 'one' });
      let reachable = true;
      let serverUp = false;
      const send = vi.fn((items: SyncItem[]) => {
        reachable = serverUp;
        return serverUp ? answer('stored')(items) : Promise.reject(new Error('The server cannot be reached.'));
      });
      const engine = createSyncEngine({ send, onStored: () => undefined, isOnline: () => true, isReachable: () => reachable, isFinal: () => false });
      engine.setCitizen('demo-a');
      await engine.flush();
      expect(engine.getState()).toMatchObject({ online: false, pending: 1 });
      engine.networkChanged();
      await engine.flush();
      expect(engine.getState()).toMatchObject({ online: false, pending: 1 });
      serverUp = true;
      await vi.advanceTimersByTimeAsync(retryDelayMs(1));
      await engine.flush();
      expect(send.mock.calls.length).toBeGreaterThanOrEqual(3);
      expect(engine.getState()).toMatchObject({ online: true, pending: 0, lastFailedAt: null });
      engine.dispose();
    } finally {
      vi.useRealTimers();
    }
  });

  it('sends at once when the server answers again elsewhere (the panel’s refresh), not after the back-off', async () => {
    await enqueue('note', 'demo-a', { text: 'one' });
    let reachable = false;
    const send = vi.fn(answer('stored'));
    const engine = createSyncEngine({ send, onStored: () => undefined, isOnline: () => true, isReachable: () => reachable, isFinal: () => false });
    expect(engine.getState().online).toBe(false);
    engine.setCitizen('demo-a');
    await engine.flush();
    send.mockClear();
    await enqueue('note', 'demo-a', { text: 'two' });
    reachable = true;
    engine.reachabilityChanged();
    await vi.waitFor(() => {
      expect(send).toHaveBeenCalled();
      expect(engine.getState()).toMatchObject({ online: true, pending: 0 });
    });
    engine.dispose();
  });

  it('backs off exponentially up to five minutes', () => {
    expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([2000, 4000, 8000, 16000]);
    expect(retryDelayMs(30)).toBe(300_000);
  });

  it('splits a big queue into batches under the size limit and at most 50 items', () => {
    const item = (size: number): SyncItem => ({ id: crypto.randomUUID(), kind: 'note', payload: 'x'.repeat(size) });
    expect(batchesOf([item(600), item(600), item(600)], 1500).map((batch) => batch.length)).toEqual([2, 1]);
    expect(batchesOf(Array.from({ length: 120 }, () => item(1))).map((batch) => batch.length)).toEqual([50, 50, 20]);
    expect(batchesOf([item(5000)], 1000)).toHaveLength(1);
  });

  it('makes batches the contract accepts', () => {
    const items = Array.from({ length: 101 }, (): SyncItem => ({ id: crypto.randomUUID(), kind: 'note', payload: 'x' }));
    expect(batchesOf(items).map((batch) => syncBatchBody.safeParse({ items: batch }).success)).toEqual([true, true, true]);
  });
});
