/**
 * Identity documents over real HTTP (issue 27): a provider feeds a passport holder and a 回乡证 holder by
 * document, their results by document; they log in by phone and are shown by document type; family links,
 * the paper code, the export and the kiosk lookup take their documents; the old idNumber lines still work.
 */
import { approveVenue, licenseKiosk } from '../../testing/server/operator-client.ts';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endpoints } from '../../core/contract/endpoints.ts';
import { openCompactCode } from '../../core/crypto/read-compact-code.ts';
import { postFeed, testIdNumber } from '../../testing/server/post-feed.ts';
import { expectApiError, loginCookie, postJson, signingKeyLookup } from '../../testing/server/test-client.ts';
import { startTestServer, type TestServer } from '../../testing/server/test-server.ts';

let server: TestServer;
let key = '';
const passport = { type: 'passport', number: 'L898902C3', country: 'UTO' } as const;
const permit = { type: 'hk-macau-permit', number: 'M12345678' } as const;
const hour = 3600_000;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

beforeAll(async () => {
  server = await startTestServer();
  key = await server.services.providers.add('registry', 'citizens,pcr-results');
});
afterAll(() => server.close());

const get = (path: string, cookie: string) => fetch(`${server.url}/api${path}`, { headers: { cookie } });

describe('feeds by document', () => {
  it('registers a passport holder and a permit holder, and stores their PCR results by document', async () => {
    const people = await postFeed(server.url, 'citizens', key, [
      { externalId: 'c-p', document: { ...passport, number: 'l898 902c3', country: 'uto' }, name: 'ERIKSSON ANNA MARIA', phone: '13711110001' },
      { externalId: 'c-m', document: permit, name: '何家慧', phone: '13711110002', guardianDocument: passport },
      // The same number from another state is another person.
      { externalId: 'c-p2', document: { ...passport, country: 'GBR' }, name: 'SMITH JOHN', phone: '13711110003' },
      { externalId: 'c-old', idNumber: testIdNumber(1, '19700707'), name: '钱老', phone: '13711110004' },
    ]);
    expect(people).toEqual({ summary: { stored: 4, updated: 0, unchanged: 0, rejected: 0 }, rejected: [] });
    const results = await postFeed(server.url, 'pcr-results', key, [
      { externalId: 'p-p', document: passport, sampledAt: ago(20 * hour), reportedAt: ago(10 * hour), result: 'negative', institution: '浦东机场检测点' },
      { externalId: 'p-m', document: permit, sampledAt: ago(30 * hour), reportedAt: ago(20 * hour), result: 'negative', institution: '罗湖口岸' },
      { externalId: 'p-x', document: { ...passport, country: 'FRA' }, sampledAt: ago(hour), reportedAt: ago(hour), result: 'negative', institution: 'x' },
    ]);
    expect(results.summary).toEqual({ stored: 2, updated: 0, unchanged: 0, rejected: 1 });
    expect(results.rejected.map(({ line, code }) => ({ line, code }))).toEqual([{ line: 3, code: 'unknown_citizen' }]);
    expect(results.rejected[0]?.message).toMatch(/document/);
    const rows = await server.query<{ document_type: string; document_country: string; id_number: string }>(
      "SELECT document_type, document_country, id_number FROM citizens WHERE phone LIKE '137111100%' ORDER BY phone",
    );
    expect(rows).toEqual([
      { document_type: 'passport', document_country: 'UTO', id_number: 'L898902C3' },
      { document_type: 'hk-macau-permit', document_country: '', id_number: 'M12345678' },
      { document_type: 'passport', document_country: 'GBR', id_number: 'L898902C3' },
      { document_type: 'resident-id', document_country: '', id_number: testIdNumber(1, '19700707') },
    ]);
  });

  it('rejects a document its type’s rule refuses, and a line naming its person twice', async () => {
    const result = await postFeed(server.url, 'citizens', key, [
      { externalId: 'bad-1', document: { type: 'passport', number: 'L898902C3' }, name: 'NO STATE' },
      { externalId: 'bad-2', document: { type: 'hmt-residence', number: '810000199408230022' }, name: '错码' },
      { externalId: 'bad-3', document: permit, idNumber: testIdNumber(2, '19700707'), name: '两次' },
      { externalId: 'bad-4', document: { type: 'library-card', number: '1' }, name: '?' },
      { externalId: 'bad-5', name: '无证件' },
    ]);
    expect(result.summary.rejected).toBe(5);
    expect(result.rejected.map((r) => r.code)).toEqual(['invalid_field', 'invalid_field', 'invalid_field', 'invalid_field', 'invalid_field']);
    expect(result.rejected[0]?.message).toMatch(/issuing country/);
    expect(result.rejected[1]?.message).toMatch(/check character/);
  });
});

describe('the holder’s view', () => {
  it('shows the passport holder by document type and masked Latin name, with a typed paper code', async () => {
    const cookie = await loginCookie(server.url, '13711110001');
    const me = endpoints.me.response.parse(await (await get('/me', cookie)).json());
    expect(me.citizen).toMatchObject({ maskedName: 'E******* A*** M****', maskedIdNumber: 'L******C3', documentType: 'passport', documentCountry: 'UTO' });
    const paper = endpoints.paperCode.response.parse(await (await postJson(server.url, '/paper-code', { subject: me.citizen.id }, cookie)).json());
    expect(paper).toMatchObject({ maskedIdNumber: 'L******C3', documentType: 'passport', documentCountry: 'UTO' });
    const opened = await openCompactCode(paper.code, await signingKeyLookup(server.url));
    expect(opened.ok && opened.payload).toMatchObject({ i: 'P-UTO:L******C3' });
    const exported = endpoints.exportMyData.response.parse(await (await get('/me/export', cookie)).json());
    expect(exported.citizen).toMatchObject({ idNumber: 'L898902C3', document: passport });
  });

  it('links a dependant by her 回乡证, and a resident ID holder is shown as before', async () => {
    const guardian = await loginCookie(server.url, '13711110003');
    const sent = endpoints.requestFamilyCode.response.parse(await (await postJson(server.url, '/family/code', { name: '何家慧', document: permit }, guardian)).json());
    const linked = await postJson(server.url, '/family/links', { name: '何家慧', document: permit, code: sent.demoCode }, guardian);
    expect(linked.status).toBe(200);
    expect(endpoints.linkDependant.response.parse(await linked.json())).toMatchObject({ maskedName: '何*慧', maskedIdNumber: 'M******78', documentType: 'hk-macau-permit' });
    await expectApiError(await postJson(server.url, '/family/code', { name: '何家慧', document: { type: 'taiwan-permit', number: 'M12345678' } }, guardian), 400, 'invalid_body');
    const old = endpoints.me.response.parse(await (await get('/me', await loginCookie(server.url, '13711110004'))).json());
    expect(old.citizen).toMatchObject({ maskedName: '钱*', documentType: 'resident-id', maskedIdNumber: `110***********${testIdNumber(1, '19700707').slice(-4)}` });
  });

  it('links a passport holder by her Latin name in any case and spacing, but not by another name', async () => {
    const guardian = await loginCookie(server.url, '13711110003');
    const wrong = endpoints.requestFamilyCode.response.parse(await (await postJson(server.url, '/family/code', { name: 'ERIKSSON ANNA', document: passport }, guardian)).json());
    expect(wrong.demoCode).toBeUndefined();
    const sent = endpoints.requestFamilyCode.response.parse(await (await postJson(server.url, '/family/code', { name: ' Eriksson  anna Maria', document: passport }, guardian)).json());
    const linked = await postJson(server.url, '/family/links', { name: 'eriksson anna maria', document: passport, code: sent.demoCode }, guardian);
    expect(linked.status).toBe(200);
    expect(endpoints.linkDependant.response.parse(await linked.json())).toMatchObject({ maskedName: 'E******* A*** M****', documentType: 'passport' });
  });

  it('looks a passport holder up at a kiosk by the document it read, and refuses a malformed one', async () => {
    const owner = await loginCookie(server.url, '13800000001');
    const venue = endpoints.registerVenue.response.parse(
      await (await postJson(server.url, '/venues', { name: '虹桥站', district: '闵行区', address: '申贵路1500号', kind: 'transport' }, owner)).json(),
    ).venue.number;
    await approveVenue(server.url, venue);
    const pairing = await fetch(`${server.url}/api/venues/${venue}/kiosks`, { method: 'POST', headers: { cookie: owner, 'content-type': 'application/json' }, body: JSON.stringify({ label: '北进站口' }) });
    const paired = endpoints.pairKiosk.response.parse(await pairing.json());
    await licenseKiosk(server.url, paired.kiosk.id);
    const token = paired.pairingToken;
    const lookup = (body: object) =>
      fetch(`${server.url}/api/kiosk/id-lookups`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ id: randomUUID(), source: 'document', ...body }) });
    const found = await lookup({ document: { type: 'passport', number: 'L898902C3', country: 'UTO' } });
    expect(found.status).toBe(200);
    expect(endpoints.kioskIdLookup.response.parse(await found.json()).status).toMatchObject({ maskedName: 'E******* A*** M****', pass: true });
    await expectApiError(await lookup({ document: { type: 'passport', number: 'L898902C3' } }), 400, 'invalid_id_number');
    // A document no one holds answers like a fail, never a 404 that tells who has an account.
    const unknown = await lookup({ document: { type: 'passport', number: 'L898902C3', country: 'FRA' } });
    expect(endpoints.kioskIdLookup.response.parse(await unknown.json()).status).toEqual({ maskedName: '', pass: false, failedClauses: ['code-colour'] });
    const log = endpoints.accessLog.response.parse(await (await get('/me/access-log', await loginCookie(server.url, '13711110001'))).json());
    expect(log.entries.filter((entry) => entry.purpose === 'id-lookup')).toHaveLength(1);
  });
});
