/**
 * The feed's fall-back when storing fails on something its checks did not foresee: the transaction is
 * redone a batch, then a line, at a time, so only the line at fault is lost (`not_stored`, with its
 * number) and every other line of the file is stored; sent again once the cause is gone, it is stored.
 * The unforeseen failure is a real one in the database: a trigger that refuses one institution's rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postFeed, testIdNumber } from '../../testing/server/post-feed.ts';
import { unusedSmsWebhook } from '../../testing/server/sms-receiver.ts';
import { startTestServer, testEngine, type TestServer } from '../../testing/server/test-server.ts';

let server: TestServer;
const keys = { registry: '', lab: '' };
const idNumber = (n: number) => testIdNumber(n, '19770707');
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
const refused = '拒收医院';

const refuseOneInstitution =
  testEngine === 'sqlite'
    ? [`CREATE TRIGGER refuse_one BEFORE INSERT ON pcr_tests WHEN NEW.institution = '${refused}' BEGIN SELECT RAISE(ABORT, 'refused by trigger'); END`]
    : [
        `CREATE FUNCTION refuse_one() RETURNS trigger AS $$ BEGIN IF NEW.institution = '${refused}' THEN RAISE EXCEPTION 'refused by trigger'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`,
        'CREATE TRIGGER refuse_one BEFORE INSERT ON pcr_tests FOR EACH ROW EXECUTE FUNCTION refuse_one()',
      ];
const allowAgain = testEngine === 'sqlite' ? ['DROP TRIGGER refuse_one'] : ['DROP TRIGGER refuse_one ON pcr_tests', 'DROP FUNCTION refuse_one()'];

beforeAll(async () => {
  server = await startTestServer({ demo: false, smsWebhook: unusedSmsWebhook });
  keys.registry = await server.services.providers.add('registry', 'citizens');
  keys.lab = await server.services.providers.add('lab', 'pcr-results');
  await postFeed(server.url, 'citizens', keys.registry, Array.from({ length: 20 }, (_, n) => ({ externalId: `c-${n}`, idNumber: idNumber(n), name: '郑九' })));
});
afterAll(() => server.close());

describe('a line that fails in the database', () => {
  // Over 1,000 lines: several batches in one transaction, so the failure undoes lines of other batches too.
  const lines = Array.from({ length: 1_200 }, (_, i) => ({
    externalId: `r-${i}`,
    idNumber: idNumber(i % 20),
    sampledAt: ago(10 * 3_600_000),
    reportedAt: ago(3_600_000),
    result: 'negative',
    institution: i === 733 ? refused : '上海市第六人民医院',
  }));
  const pcrRows = async () => Number((await server.query<{ n: number }>('SELECT count(*) AS n FROM pcr_tests'))[0]?.n);

  it('is rejected alone as not_stored, with its line number; every other line is stored', async () => {
    for (const statement of refuseOneInstitution) await server.query(statement);
    const result = await postFeed(server.url, 'pcr-results', keys.lab, lines);
    expect(result.summary).toEqual({ stored: 1_199, updated: 0, unchanged: 0, rejected: 1 });
    expect(result.rejected).toEqual([{ line: 734, code: 'not_stored', message: expect.stringContaining('send it again') as string }]);
    expect(await pcrRows()).toBe(1_199);
    // The batch at fault is redone a line a transaction: hundreds of commits, slow on a busy machine.
  }, 120_000);

  it('is stored when the file is sent again after the cause is gone, and nothing else changes', async () => {
    for (const statement of allowAgain) await server.query(statement);
    const result = await postFeed(server.url, 'pcr-results', keys.lab, lines);
    expect(result.summary).toEqual({ stored: 1, updated: 0, unchanged: 1_199, rejected: 0 });
    expect(await pcrRows()).toBe(1_200);
  });
});
