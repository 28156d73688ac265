/** A refused venue's owner reads the operator's reason in their own list; nobody else is ever given it. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endpoints } from '../../core/contract/endpoints.ts';
import { approveVenue, demoCityAdminPhone, operatorCookie, refuseVenue, softPasskey } from '../../testing/server/operator-client.ts';
import { loginCookie, postJson } from '../../testing/server/test-client.ts';
import { startTestServer, type TestServer } from '../../testing/server/test-server.ts';

let server: TestServer;
let owner = '';
let other = '';
let admin = '';

beforeAll(async () => {
  server = await startTestServer();
  [owner = '', other = ''] = await Promise.all(['13800000001', '13800000002'].map((phone) => loginCookie(server.url, phone)));
  admin = await operatorCookie(server.url, demoCityAdminPhone, await softPasskey());
});
afterAll(() => server.close());

const get = (path: string, cookie: string) => fetch(`${server.url}/api${path}`, { headers: { cookie } });
const reason = '营业执照上的名称与登记名称不一致';

async function register(name: string): Promise<string> {
  const response = await postJson(server.url, '/venues', { name, district: '静安区', address: '南京西路1号', kind: 'shop' }, owner);
  return endpoints.registerVenue.response.parse(await response.json()).venue.number;
}
const mine = async (cookie: string) => endpoints.myVenues.response.parse(await (await get('/venues', cookie)).json()).venues;

describe('the refusal reason, told to the owner only', () => {
  it('shows the owner of a refused venue the status and the operator’s reason', async () => {
    const number = await register('理由测试店');
    expect((await mine(owner)).find((venue) => venue.number === number)).not.toHaveProperty('refusalReason');
    await refuseVenue(server.url, number, reason, admin);
    expect((await mine(owner)).find((venue) => venue.number === number)).toMatchObject({ status: 'refused', verified: false, refusalReason: reason });
  });

  it('gives the reason to no other citizen: not in their list, not by the venue’s number', async () => {
    const number = (await mine(owner)).find((venue) => venue.status === 'refused')?.number ?? '';
    expect((await mine(other)).map((venue) => venue.number)).not.toContain(number);
    const response = await get(`/venues/${number}`, other);
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).not.toContain(reason);
    expect(endpoints.venueByNumber.response.parse(JSON.parse(text)).venue).toMatchObject({ number, status: 'refused' });
    // Not even the owner gets it by number: the reason travels only in their own list.
    expect(await (await get(`/venues/${number}`, owner)).text()).not.toContain(reason);
  });

  it('drops the reason once an operator approves the venue after all', async () => {
    const number = (await mine(owner)).find((venue) => venue.status === 'refused')?.number ?? '';
    await approveVenue(server.url, number, admin);
    const venue = (await mine(owner)).find((v) => v.number === number);
    expect(venue).toMatchObject({ status: 'approved' });
    expect(venue).not.toHaveProperty('refusalReason');
  });
});
