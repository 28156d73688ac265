/**
 * The compact revocation list over real HTTP, on both engines: sealed by the published keys, whole at
 * first and for a verifier away past the retention window, a delta after; a colour change shows in the
 * next delta, and a verifier that merges it asks for a recheck of a paper code printed before the change
 * while one printed after passes. The delta is read from its own partial index.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endpoints } from '../../core/contract/endpoints.ts';
import { readHealthCode } from '../../core/crypto/read-health-code.ts';
import { compactHashBits, compactSubjectHash, decodeCompactRevocations, type CompactRevocations, type RevocationGroup } from '../../core/crypto/revocation-compact.ts';
import { mayPredateChange, mergeGroup, openRevocations } from '../../core/crypto/revocation-groups.ts';
import { revocationRetentionMs } from '../../core/crypto/revocation-list.ts';
import { expectApiError, loginCookie, postJson, signingKeyLookup } from '../../testing/server/test-client.ts';
import { postFeed } from '../../testing/server/post-feed.ts';
import { startTestServer, testEngine, type TestServer } from '../../testing/server/test-server.ts';

let server: TestServer;
let authority = '';
let cookie = '';

beforeAll(async () => {
  server = await startTestServer();
  authority = await server.services.providers.add('authority', 'colour-decisions');
  cookie = await loginCookie(server.url, '13800000002');
});
afterAll(() => server.close());

async function compact(query = ''): Promise<CompactRevocations> {
  const response = await fetch(`${server.url}/api/revocations/compact${query}`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/octet-stream');
  expect(response.headers.get('cache-control')).toBe('no-store');
  const body = await openRevocations(new Uint8Array(await response.arrayBuffer()), await signingKeyLookup(server.url));
  const list = body && decodeCompactRevocations(body);
  if (!list) throw new Error('the compact list does not open with the published keys');
  return list;
}

async function paperCode(): Promise<{ s: string; iat: number }> {
  const paper = endpoints.paperCode.response.parse(await (await postJson(server.url, '/paper-code', { subject: 'demo-b' }, cookie)).json());
  const read = await readHealthCode(paper.code, await signingKeyLookup(server.url), Date.now());
  if (!read.ok) throw new Error(`paper code refused: ${read.reason}`);
  return read.claims;
}

const idNumberOf = async (citizen: string) => (await server.query<{ id_number: string }>('SELECT id_number FROM citizens WHERE id = ?', citizen))[0]?.id_number;
const decide = async (externalId: string, colour: string) =>
  postFeed(server.url, 'colour-decisions', authority, [{ externalId, idNumber: await idNumberOf('demo-b'), colour, reason: '区域筛查', decidedAt: new Date().toISOString() }]);
const waitForNextSecond = () => new Promise((resolve) => setTimeout(resolve, 1100 - (Date.now() % 1000)));

describe('GET /api/revocations/compact', () => {
  it('answers the whole list first, a delta after a recent version, the whole list again after the window', async () => {
    const first = await compact();
    expect(first).toMatchObject({ full: true, hashBits: compactHashBits, groups: [] });
    expect(await compact(`?since=${first.v}`)).toMatchObject({ full: false, salt: first.salt });
    expect((await compact(`?since=${first.v - revocationRetentionMs}`)).full).toBe(true);
    await expectApiError(await fetch(`${server.url}/api/revocations/compact?since=soon`), 400, 'bad_request');
  });

  it('carries a colour change in the next delta; the merged list asks to recheck a code printed before it, not one after', async () => {
    const start = await compact();
    const before = await paperCode();
    await waitForNextSecond();
    await decide('d-1', 'yellow');
    const delta = await compact(`?since=${start.v}`);
    expect(delta.full).toBe(false);
    const hash = await compactSubjectHash(delta.salt, 'demo-b', delta.hashBits);
    let held: RevocationGroup[] = start.groups;
    for (const group of delta.groups) held = mergeGroup(held, group);
    expect(mayPredateChange(held, hash, before.iat)).toBe(true);
    await waitForNextSecond();
    expect(mayPredateChange(held, hash, (await paperCode()).iat)).toBe(false);

    // A decision that repeats the colour revokes nothing: the same delta asked again is unchanged.
    await waitForNextSecond();
    await decide('d-2', 'yellow');
    expect((await compact(`?since=${start.v}`)).groups).toEqual(delta.groups);
  });

  it('reads the delta from the covering partial index of changes that changed a colour', async () => {
    if (testEngine === 'sqlite') {
      const plan = await server.query<{ detail: string }>(
        'EXPLAIN QUERY PLAN SELECT citizen_id, recorded_at FROM colour_changes WHERE recorded_at > ? AND colour <> previous_colour',
        '2022-04-01T00:00:00Z',
      );
      expect(plan.map((row) => row.detail).join(' ')).toMatch(/SEARCH colour_changes USING (COVERING )?INDEX colour_changes_revoking \(recorded_at>\?\)/);
    } else {
      const [index] = await server.query<{ indexdef: string }>("SELECT indexdef FROM pg_indexes WHERE indexname = 'colour_changes_revoking'");
      expect(index?.indexdef).toMatch(/\(recorded_at, citizen_id, colour, previous_colour\) WHERE \(colour <> previous_colour\)/);
    }
  });
});
