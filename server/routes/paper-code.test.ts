/** Paper codes (纸质码) over real HTTP: who may print one, what it says, and how long it is accepted. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endpoints } from '../../core/contract/endpoints.ts';
import { readHealthCode } from '../../core/crypto/read-health-code.ts';
import { paperCodeLifetimeMs } from '../services/credential-claims.ts';
import { demoDependant, expectApiError, linkDependant, loginCookie, postJson, signingKeyLookup } from '../../testing/server/test-client.ts';
import { startTestServer } from '../../testing/server/test-server.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let asA = '';
let asB = '';

beforeAll(async () => {
  server = await startTestServer();
  asA = await loginCookie(server.url, '13800000001');
  asB = await loginCookie(server.url, '13800000002');
});

afterAll(async () => {
  await server.close();
});

const printFor = (subject: unknown, cookie?: string) => postJson(server.url, '/paper-code', { subject }, cookie);

describe('POST /api/paper-code', () => {
  it('prints a linked dependant’s code only for her guardian, and nobody reaches an unlinked one', async () => {
    await expectApiError(await printFor(demoDependant.id, asA), 404, 'not_found');
    await linkDependant(server.url, asA, demoDependant.name, demoDependant.idNumber);
    const before = Date.now();
    const response = await printFor(demoDependant.id, asA);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const paper = endpoints.paperCode.response.parse(await response.json());
    expect(paper).toMatchObject({ maskedName: '张*婆', maskedIdNumber: '310***********4564', colour: 'green' });
    // Compact (SSM2, Base45): drawn in QR alphanumeric mode.
    expect(paper.code).toMatch(/^SSM2:[0-9A-Z $%*+\-./:]+$/);

    // A verifier with only the public keys accepts it with no timestamp and no device, as paper.
    const read = await readHealthCode(paper.code, await signingKeyLookup(server.url), Date.now());
    expect(read).toMatchObject({ ok: true, kind: 'paper', claims: { t: 'paper', s: 'demo-f', n: '张*婆', i: '310***********4564', c: 'green' } });
    const printedAt = Date.parse(paper.printedAt);
    expect(printedAt).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(Date.parse(paper.validUntil) - printedAt).toBe(paperCodeLifetimeMs);
    expect(read.ok && read.kind === 'paper' ? read.claims.exp * 1000 : 0).toBe(Date.parse(paper.validUntil));

    // Still accepted a minute before the printed end, refused from it on.
    const lookup = await signingKeyLookup(server.url);
    expect((await readHealthCode(paper.code, lookup, Date.parse(paper.validUntil) - 60_000)).ok).toBe(true);
    expect(await readHealthCode(paper.code, lookup, Date.parse(paper.validUntil))).toEqual({ ok: false, reason: 'paper-expired' });

    await expectApiError(await printFor(demoDependant.id, asB), 404, 'not_found');
  });

  it('prints the caller’s own code too, for a day the phone is flat', async () => {
    const paper = endpoints.paperCode.response.parse(await (await printFor('demo-b', asB)).json());
    expect(paper.maskedName).toBe('李*海');
  });

  it('refuses without a session, for nobody, and for bad bodies, with 4xx JSON', async () => {
    await expectApiError(await printFor('demo-a'), 401, 'unauthenticated');
    await expectApiError(await printFor('demo-zz', asA), 404, 'not_found');
    await expectApiError(await printFor('Not An Id', asA), 400, 'invalid_body');
    await expectApiError(await printFor(undefined, asA), 400, 'invalid_body');
    await expectApiError(await printFor(42, asA), 400, 'invalid_body');
  });
});
