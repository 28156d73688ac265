/**
 * The settled-bucket cache of the compact list, on the suite's engine: what it serves is byte-equal to
 * groups read fresh from the database for any `since`, a second request reads only the partial first
 * bucket and the open ones, a change in an open bucket shows at once, and a settled bucket is not read again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compactBucketSeconds } from '../../core/crypto/revocation-compact.ts';
import { startTestServer, type TestServer } from '../../testing/server/test-server.ts';
import { createSettledGroups } from './revocation-buckets.ts';

const minute = 60_000;
const bucketMs = compactBucketSeconds * 1000;
// Mid-bucket, so that `from` values below fall inside buckets as well as on their edges.
const now = Math.floor(Date.now() / bucketMs) * bucketMs + 17 * minute;
const salt = 'salt-of-the-test';
const overlap = 5 * minute;
let server: TestServer;
let changes = 0;

async function change(citizen: string, recordedAt: number): Promise<void> {
  const at = new Date(recordedAt).toISOString();
  changes += 1;
  await server.query(
    `INSERT INTO colour_changes (citizen_id, id, colour, previous_colour, reason, effective_at, recorded_at, provider, scope, external_id)
     VALUES (?, ?, 'yellow', 'green', '区域筛查', ?, ?, 'authority', 'colour-decisions', ?)`,
    citizen,
    `bucket-test-${changes}`,
    at,
    at,
    `bucket-test-${changes}`,
  );
}

/** The store, counting the rows each request reads. */
function countingStore() {
  const counted = { rows: 0 };
  const store = server.storage.revocations;
  return {
    counted,
    store: { ...store, revokingAfter: async (after: string, before?: string) => {
      const rows = await store.revokingAfter(after, before);
      counted.rows += rows.length;
      return rows;
    } },
  };
}

/** Groups read fresh every time: a settle time no bucket reaches. */
const uncached = () => {
  const fresh = createSettledGroups(server.storage.revocations, 1e12);
  return (from: number, at: number, withSalt: string) => fresh.groupsAfter(from, at, withSalt);
};

beforeAll(async () => {
  server = await startTestServer();
  const citizens = ['demo-a', 'demo-b', 'demo-c', 'demo-d'];
  // Six hours of changes, one every 7 minutes, and some in the open bucket.
  for (let at = now - 6 * 60 * minute, i = 0; at < now; at += 7 * minute, i++) await change(citizens[i % citizens.length] ?? 'demo-a', at);
});
afterAll(() => server.close());

describe('settled revocation buckets', () => {
  it('serves the bytes a fresh read gives, for a since on an edge, inside a bucket and before everything', async () => {
    const cached = createSettledGroups(server.storage.revocations, overlap);
    for (const from of [now - 4 * bucketMs - 17 * minute, now - 3 * 60 * minute - 5 * minute, now - 24 * 60 * minute, now - 2 * minute]) {
      const fresh = await uncached()(from, now, salt);
      expect(await cached.groupsAfter(from, now, salt)).toEqual(fresh);
      expect(await cached.groupsAfter(from, now, salt)).toEqual(fresh);
    }
  });

  it('reads only the partial first bucket and the open ones once the settled ones are kept', async () => {
    const { store, counted } = countingStore();
    const cached = createSettledGroups(store, overlap);
    const from = now - 5 * 60 * minute - 3 * minute;
    await cached.groupsAfter(from, now, salt);
    const first = counted.rows;
    counted.rows = 0;
    await cached.groupsAfter(from, now, salt);
    const after = await server.query<{ n: number | string }>('SELECT count(*) AS n FROM colour_changes WHERE recorded_at > ?', new Date(from).toISOString());
    expect(first).toBe(Number(after[0]?.n));
    // Changes every 7 minutes: the first bucket's rest (≤ 27 minutes) and the unsettled last ~57 minutes.
    expect(counted.rows).toBeLessThanOrEqual(Math.ceil((27 + 57) / 7) + 1);
    expect(counted.rows).toBeGreaterThan(0);
  });

  it('shows a change in an open bucket at once, and keeps a settled bucket as it was read', async () => {
    const cached = createSettledGroups(server.storage.revocations, overlap);
    const from = now - 5 * 60 * minute;
    await cached.groupsAfter(from, now, salt);
    await change('demo-e', now - minute);
    expect(await cached.groupsAfter(from, now, salt)).toEqual(await uncached()(from, now, salt));
    // A change recorded three hours back, committed only now: later than any feed batch may take.
    await change('demo-f', now - 3 * 60 * minute);
    const fresh = await uncached()(from, now, salt);
    const served = await cached.groupsAfter(from, now, salt);
    expect(served).not.toEqual(fresh);
    expect(served.length).toBe(fresh.length);
  });
});
