import 'fake-indexeddb/auto';
import type { PersistedClient } from '@tanstack/react-query-persist-client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cachedRecordProblem, citizenOfCache } from './cached-records.ts';
import { storage, walletDb } from './db.ts';
import { createCitizenPersister, forgetCitizen, soundClient } from './query-persister.ts';

const me = (id: string) => ({
  citizen: { id, maskedName: '张*三', maskedIdNumber: '310***********1234', colour: 'green', colourSince: '2022-04-01T00:00:00.000Z' },
  dependants: [],
});

function client(id: string, extra: PersistedClient['clientState']['queries'] = []): PersistedClient {
  const query = (queryKey: unknown[], data: unknown) =>
    ({ queryKey, queryHash: JSON.stringify(queryKey), state: { data, dataUpdatedAt: 1, status: 'success' } }) as unknown as PersistedClient['clientState']['queries'][number];
  return {
    timestamp: Date.now(),
    buster: 'v1',
    clientState: {
      mutations: [],
      queries: [query(['records', 'me'], me(id)), query(['records', 'citizen', id, 'antigen-tests'], { antigenTests: [] }), ...extra],
    },
  };
}

const persister = createCitizenPersister({ citizenOf: (c) => citizenOfCache(c.clientState.queries), queryProblem: cachedRecordProblem });

/** Node has no page: its events and visibility are stood in for, so that a test can hide it. */
function fakePage() {
  const events = new EventTarget();
  const document = { visibilityState: 'visible' as DocumentVisibilityState };
  vi.stubGlobal('addEventListener', events.addEventListener.bind(events));
  vi.stubGlobal('removeEventListener', events.removeEventListener.bind(events));
  vi.stubGlobal('document', document);
  return {
    hide(event: 'pagehide' | 'visibilitychange') {
      document.visibilityState = 'hidden';
      events.dispatchEvent(new Event(event));
    },
  };
}

let page: ReturnType<typeof fakePage>;

beforeEach(() => {
  page = fakePage();
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

async function persist(value: PersistedClient) {
  vi.useFakeTimers();
  await persister.persistClient(value);
  await vi.runAllTimersAsync();
  vi.useRealTimers();
  // The write itself is asynchronous after the timer fires.
  await new Promise((resolve) => setTimeout(resolve, 50));
}

describe('citizen persister', () => {
  it('with readAhead, the first restore gives what was stored when it was made, and later ones read again', async () => {
    await persist(client('demo-a'));
    const ahead = createCitizenPersister({ citizenOf: (c) => citizenOfCache(c.clientState.queries), queryProblem: cachedRecordProblem, readAhead: true });
    // Read at creation: a cache written after it is not what the first restore gives.
    await persist(client('demo-b'));
    expect(citizenOfCache((await ahead.restoreClient())?.clientState.queries ?? [])).toBe('demo-a');
    expect(citizenOfCache((await ahead.restoreClient())?.clientState.queries ?? [])).toBe('demo-b');
    await forgetCitizen('demo-b');
    expect(await ahead.restoreClient()).toBeUndefined();
  });

  it('restores the last citizen’s cache, and nobody’s after that citizen logs out', async () => {
    await persist(client('demo-a'));
    expect(citizenOfCache((await persister.restoreClient())?.clientState.queries ?? [])).toBe('demo-a');

    await persist(client('demo-b'));
    expect(citizenOfCache((await persister.restoreClient())?.clientState.queries ?? [])).toBe('demo-b');

    await forgetCitizen('demo-b');
    expect(await persister.restoreClient()).toBeUndefined();
  });

  it.each(['pagehide', 'visibilitychange'] as const)('writes the waiting cache at once on %s, before the delay is over', async (event) => {
    // Only the delay is faked: fake-indexeddb runs on setImmediate.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    await persister.persistClient(client(`hidden-on-${event}`));
    page.hide(event);
    // The read queues behind the write that the hidden page started.
    expect(citizenOfCache((await persister.restoreClient())?.clientState.queries ?? [])).toBe(`hidden-on-${event}`);
  });

  it('drops the waiting cache of a citizen who logs out, even when the page is hidden afterwards', async () => {
    await persist(client('demo-a'));
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    await persister.persistClient(client('demo-c'));
    await forgetCitizen('demo-c');
    page.hide('pagehide');
    await vi.runAllTimersAsync();
    expect(citizenOfCache((await persister.restoreClient())?.clientState.queries ?? [])).toBe('demo-a');
  });

  it('forgets the citizen’s and their relatives’ credentials, device keys and check-ins at logout, and keeps their unsent outbox items', async () => {
    await persist(client('demo-a'));
    const db = await walletDb();
    const { credentials, deviceKeys, checkIns, outbox, serverKeys } = storage.stores;
    for (const subjectId of ['demo-a', 'demo-f', 'demo-x']) {
      await db.put(credentials, { subjectId, token: 'v1.k.p.s', expiresAt: 1, savedAt: 1 });
      await db.put(deviceKeys, { citizenId: subjectId, keyPair: {} as CryptoKeyPair, publicJwk: {}, createdAt: 1 });
    }
    await db.put(checkIns, { id: 'c1', citizenId: 'demo-a', scannedAt: 1, record: {} });
    await db.put(checkIns, { id: 'c2', citizenId: 'demo-x', scannedAt: 2, record: {} });
    await db.put(outbox, { id: 'o1', citizenId: 'demo-a', kind: 'check-in', createdAt: 1, attempts: 0, lastError: null, payload: {} });
    await db.put(serverKeys, { id: 'current', keys: [], savedAt: 1 });

    await forgetCitizen('demo-a', ['demo-f']);

    expect(await persister.restoreClient()).toBeUndefined();
    expect(await db.getAllKeys(credentials)).toEqual(['demo-x']);
    expect(await db.getAllKeys(deviceKeys)).toEqual(['demo-x']);
    expect(await db.getAllKeys(checkIns)).toEqual(['c2']);
    expect(await db.getAllKeys(outbox)).toEqual(['o1']);
    expect(await db.getAllKeys(serverKeys)).toEqual(['current']);
  });

  it('forgets a deleted account’s unsent outbox items too, and keeps another citizen’s', async () => {
    await persist(client('demo-a'));
    const db = await walletDb();
    const { outbox, checkIns } = storage.stores;
    const item = { kind: 'check-in', createdAt: 1, attempts: 0, lastError: null, payload: {} };
    await db.put(outbox, { ...item, id: 'o1', citizenId: 'demo-a' });
    await db.put(outbox, { ...item, id: 'o2', citizenId: 'demo-a', rejected: 'refused' });
    await db.put(outbox, { ...item, id: 'o3', citizenId: 'demo-x' });
    await db.put(checkIns, { id: 'c1', citizenId: 'demo-a', scannedAt: 1, record: {} });

    await forgetCitizen('demo-a', [], { outbox: true });

    expect(await persister.restoreClient()).toBeUndefined();
    expect(await db.getAllKeys(outbox)).toEqual(['o3']);
    expect(await db.getAllKeys(checkIns)).not.toContain('c1');
  });

  it('drops stored queries that no longer fit their schema, with a logged reason, and keeps the rest', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const stored = client('demo-a');
    const broken = { ...stored.clientState.queries[1], state: { data: { antigenTests: [{ id: 1 }] } } };
    const record = { ...stored, clientState: { ...stored.clientState, queries: [stored.clientState.queries[0], broken] } };
    const sound = soundClient(record, cachedRecordProblem);
    expect(sound?.clientState.queries.map((query) => query.queryKey[1])).toEqual(['me']);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/antigen-tests.*does not fit its schema/));
  });

  it('treats a malformed record as no cache rather than crashing', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(soundClient({ clientState: 'nonsense' }, cachedRecordProblem)).toBeNull();
    expect(soundClient(undefined, cachedRecordProblem)).toBeNull();
  });
});
