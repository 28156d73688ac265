/**
 * The signed revocation list over real HTTP: it verifies with the published keys, names subjects only by
 * their salted hash, lists a citizen whose colour changed with the time before which codes no longer
 * count, leaves out decisions that changed nothing, answers deltas since a version, and forgets
 * changes no living code can predate.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endpoints } from '../../core/contract/endpoints.ts';
import { readRevocationList, revocationRetentionMs, subjectHash, type RevocationPayload } from '../../core/crypto/revocation-list.ts';
import { revocationOverlapMs } from '../services/revocations.ts';
import { expectApiError, signingKeyLookup } from '../../testing/server/test-client.ts';
import { postFeed, testIdNumber } from '../../testing/server/post-feed.ts';
import { unusedSmsWebhook } from '../../testing/server/sms-receiver.ts';
import { startTestServer, type TestServer } from '../../testing/server/test-server.ts';

let server: TestServer;
const keys = { registry: '', authority: '' };
const idNumber = (n: number) => testIdNumber(n, '19900202');

beforeAll(async () => {
  server = await startTestServer({ demo: false, smsWebhook: unusedSmsWebhook });
  keys.registry = await server.services.providers.add('registry', 'citizens');
  keys.authority = await server.services.providers.add('authority', 'colour-decisions');
  await postFeed(server.url, 'citizens', keys.registry, [1, 2, 3, 4].map((n) => ({ externalId: `c-${n}`, idNumber: idNumber(n), name: '孙八', phone: `1370000000${n}` })));
});
afterAll(() => server.close());

async function list(query = ''): Promise<RevocationPayload> {
  const response = await fetch(`${server.url}/api/revocations${query}`);
  expect(response.status).toBe(200);
  expect(response.headers.get('cache-control')).toBe('no-store');
  const { list: token } = endpoints.revocations.response.parse(await response.json());
  const payload = await readRevocationList(token, await signingKeyLookup(server.url));
  if (!payload) throw new Error('the list does not verify with the published keys');
  return payload;
}

async function citizenId(n: number): Promise<string> {
  const [row] = await server.query<{ id: string }>('SELECT id FROM citizens WHERE id_number = ?', idNumber(n));
  if (!row) throw new Error(`no citizen ${n}`);
  return row.id;
}

const decide = (n: number, externalId: string, colour: string) =>
  postFeed(server.url, 'colour-decisions', keys.authority, [{ externalId, idNumber: idNumber(n), colour, reason: '风险排查', decidedAt: new Date().toISOString() }]);

/** A change recorded `ago` ms before now, as an older feed would have left it. */
async function pastChange(n: number, ago: number) {
  const at = new Date(Date.now() - ago).toISOString();
  await server.query(
    `INSERT INTO colour_changes (citizen_id, id, colour, previous_colour, reason, effective_at, recorded_at, provider, scope, external_id)
     VALUES (?, ?, 'yellow', 'green', 'test', ?, ?, 'authority', 'colour-decisions', ?)`,
    await citizenId(n),
    crypto.randomUUID(),
    at,
    at,
    `past-${n}`,
  );
}

describe('GET /api/revocations', () => {
  it('is signed by the server key, names no one, and is empty while no colour changed', async () => {
    const before = Date.now();
    const payload = await list();
    expect(payload.e).toEqual([]);
    expect(payload.v).toBeGreaterThanOrEqual(before);
    expect(payload.salt).toMatch(/^[A-Za-z0-9_-]{22}$/);
    // The salt is the deployment's: asked again, the same.
    expect((await list()).salt).toBe(payload.salt);
  });

  it('lists a citizen whose colour changed by salted hash, notBefore the change; not one whose colour stayed', async () => {
    const before = Math.floor(Date.now() / 1000);
    await decide(1, 'd-1', 'yellow');
    await decide(2, 'd-2', 'green');
    const after = Math.ceil(Date.now() / 1000);
    const payload = await list();
    const raw = JSON.stringify(payload);
    expect(raw).not.toContain(await citizenId(1));
    expect(raw).not.toContain(idNumber(1));
    expect(payload.e).toHaveLength(1);
    const [[hash, notBefore] = ['', 0]] = payload.e;
    expect(hash).toBe(await subjectHash(payload.salt, await citizenId(1)));
    expect(notBefore).toBeGreaterThanOrEqual(before);
    expect(notBefore).toBeLessThanOrEqual(after);
  });

  it('answers a delta since a version with the changes after it, reaching back by the overlap', async () => {
    const full = await list();
    await pastChange(3, revocationOverlapMs + 10 * 60_000);
    await decide(4, 'd-4', 'red');
    const delta = await list(`?since=${full.v}`);
    const hashes = delta.e.map(([hash]) => hash);
    expect(hashes).toContain(await subjectHash(delta.salt, await citizenId(4)));
    // Changed moments before the version: asked again, in case it committed after the version was taken.
    expect(hashes).toContain(await subjectHash(delta.salt, await citizenId(1)));
    expect(hashes).not.toContain(await subjectHash(delta.salt, await citizenId(3)));
    expect((await list()).e.map(([hash]) => hash)).toContain(await subjectHash(delta.salt, await citizenId(3)));
  });

  it('forgets a change older than any code that could predate it', async () => {
    await server.query('DELETE FROM colour_changes');
    await pastChange(3, revocationRetentionMs + 60_000);
    expect((await list()).e).toEqual([]);
    await pastChange(2, revocationRetentionMs - 60_000);
    expect((await list()).e.map(([hash]) => hash)).toEqual([await subjectHash((await list()).salt, await citizenId(2))]);
  });

  it('refuses a since that is not a version', async () => {
    await expectApiError(await fetch(`${server.url}/api/revocations?since=yesterday`), 400, 'bad_request');
    await expectApiError(await fetch(`${server.url}/api/revocations?since=-5`), 400, 'bad_request');
  });
});
