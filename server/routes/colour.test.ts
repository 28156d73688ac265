/**
 * The code colour follows providers' data (services/colour.ts): a positive result turns it red at once,
 * a later colour decision sets it, an earlier one does not, and every change is kept with when, who and why.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endpoints } from '../../core/contract/endpoints.ts';
import type { FeedScope } from '../../core/contract/feeds.ts';
import { postFeed, withCheckCharacter } from '../../testing/server/post-feed.ts';
import { loginCookie } from '../../testing/server/test-client.ts';
import { startTestServer, type TestServer } from '../../testing/server/test-server.ts';

let server: TestServer;
const keys = { registry: '', lab: '', authority: '' };

const idNumber = (n: number) => withCheckCharacter(`1101011985${String(n).padStart(7, '0')}`);
const phone = (n: number) => `1360000000${n}`;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
const hour = 3600_000;

const feed = async (scope: FeedScope, key: string, lines: readonly object[]) => (await postFeed(server.url, scope, key, lines)).summary;

const pcr = (n: number, externalId: string, result: 'negative' | 'positive') => ({
  externalId,
  idNumber: idNumber(n),
  sampledAt: ago(8 * hour),
  reportedAt: ago(hour),
  result,
  institution: '上海市第一人民医院',
});
const decision = (n: number, externalId: string, colour: string, decidedAt: string) => ({ externalId, idNumber: idNumber(n), colour, reason: '密接解除', decidedAt });

/** The colour the citizen's own panel shows. */
async function colourSeenBy(n: number) {
  const cookie = await loginCookie(server.url, phone(n));
  return endpoints.me.response.parse(await (await fetch(`${server.url}/api/me`, { headers: { cookie } })).json()).citizen.colour;
}

async function changes(n: number) {
  return server.query<{ colour: string; previous_colour: string; reason: string; provider: string; scope: string; external_id: string }>(
    `SELECT x.colour, x.previous_colour, x.reason, x.provider, x.scope, x.external_id FROM colour_changes x
     JOIN citizens c ON c.id = x.citizen_id WHERE c.id_number = ? ORDER BY x.effective_at, x.recorded_at`,
    idNumber(n),
  );
}

beforeAll(async () => {
  server = await startTestServer();
  keys.registry = await server.services.providers.add('registry', 'citizens');
  keys.lab = await server.services.providers.add('lab', 'pcr-results,antigen-results');
  keys.authority = await server.services.providers.add('authority', 'colour-decisions');
  await feed('citizens', keys.registry, [1, 2, 3].map((n) => ({ externalId: `c-${n}`, idNumber: idNumber(n), name: '钱七', phone: phone(n) })));
});
afterAll(() => server.close());

describe('colour that follows the data', () => {
  it('turns red at once on a positive PCR, and stays red through negatives and the same line again', async () => {
    expect(await colourSeenBy(1)).toBe('green');
    await feed('pcr-results', keys.lab, [pcr(1, 'r-1', 'positive')]);
    expect(await colourSeenBy(1)).toBe('red');
    await feed('pcr-results', keys.lab, [pcr(1, 'r-1', 'positive'), pcr(1, 'r-2', 'negative')]);
    expect(await colourSeenBy(1)).toBe('red');
    expect(await changes(1)).toEqual([
      { colour: 'red', previous_colour: 'green', reason: 'positive-result', provider: 'lab', scope: 'pcr-results', external_id: 'r-1' },
    ]);
  });

  it('ignores a decision made before the positive arrived, and follows one made after it', async () => {
    expect((await feed('colour-decisions', keys.authority, [decision(1, 'd-1', 'green', ago(hour))])).stored).toBe(1);
    expect(await colourSeenBy(1)).toBe('red');
    await feed('colour-decisions', keys.authority, [decision(1, 'd-2', 'green', new Date().toISOString())]);
    expect(await colourSeenBy(1)).toBe('green');
    expect((await changes(1)).map((change) => [change.previous_colour, change.colour, change.reason, change.provider])).toEqual([
      ['green', 'red', 'positive-result', 'lab'],
      ['red', 'green', '密接解除', 'authority'],
    ]);
  });

  it('takes the latest decision, whatever order decisions arrive in', async () => {
    await feed('colour-decisions', keys.authority, [decision(2, 'd-3', 'yellow', ago(hour))]);
    expect(await colourSeenBy(2)).toBe('yellow');
    await feed('colour-decisions', keys.authority, [decision(2, 'd-4', 'green', ago(2 * hour))]);
    expect(await colourSeenBy(2)).toBe('yellow');
    // A correction of the latest decision is a decision too.
    expect((await feed('colour-decisions', keys.authority, [decision(2, 'd-3', 'red', ago(hour))])).updated).toBe(1);
    expect(await colourSeenBy(2)).toBe('red');
  });

  it('turns red on a positive antigen result, and on a negative PCR corrected to positive', async () => {
    await feed('antigen-results', keys.lab, [{ externalId: 'a-1', idNumber: idNumber(3), testedAt: ago(hour), result: 'positive', institution: '检测点' }]);
    expect(await colourSeenBy(3)).toBe('red');
    await feed('colour-decisions', keys.authority, [decision(3, 'd-5', 'green', new Date().toISOString())]);
    await feed('pcr-results', keys.lab, [pcr(3, 'r-3', 'negative')]);
    expect(await colourSeenBy(3)).toBe('green');
    await feed('pcr-results', keys.lab, [pcr(3, 'r-3', 'positive')]);
    expect(await colourSeenBy(3)).toBe('red');
    expect((await changes(3)).map((change) => [change.scope, change.colour])).toEqual([
      ['antigen-results', 'red'],
      ['colour-decisions', 'green'],
      ['pcr-results', 'red'],
    ]);
  });
});
