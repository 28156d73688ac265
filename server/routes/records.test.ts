/**
 * The profile and the four kinds of record over real HTTP: masking, the contract's shapes, ordering,
 * who may read whose records, and the public rule sets.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endpoints } from '../../core/contract/endpoints.ts';
import { demoDependant, expectApiError, linkDependant, loginCookie } from '../../testing/server/test-client.ts';
import { startTestServer } from '../../testing/server/test-server.ts';

type TestServer = Awaited<ReturnType<typeof startTestServer>>;

let server: TestServer;
/** Cookie headers of logged-in demo citizens. */
let asA = '';
let asB = '';
let asF = '';

beforeAll(async () => {
  server = await startTestServer();
  asA = await loginCookie(server.url, '13800000001');
  asB = await loginCookie(server.url, '13800000002');
  asF = await loginCookie(server.url, '13800000006');
  await linkDependant(server.url, asA, demoDependant.name, demoDependant.idNumber);
});

afterAll(async () => {
  await server.close();
});

const recordKinds = ['vaccinations', 'pcr-tests', 'antigen-tests', 'itinerary'] as const;
type RecordKind = (typeof recordKinds)[number];

/** What must never leave the server: the demo citizens' whole names and ID numbers. */
const secrets = ['张小三', '310101199001011234', '19900101', '张阿婆', '310101194206064564', '19420606'];

function api(path: string, cookie?: string): Promise<Response> {
  return fetch(`${server.url}/api${path}`, cookie ? { headers: { cookie } } : {});
}

async function records(citizenId: string, kind: RecordKind, cookie: string) {
  const response = await api(`/citizens/${citizenId}/${kind}`, cookie);
  expect(response.status).toBe(200);
  const json: unknown = await response.json();
  switch (kind) {
    case 'vaccinations':
      return endpoints.vaccinations.response.parse(json).vaccinations;
    case 'pcr-tests':
      return endpoints.pcrTests.response.parse(json).pcrTests;
    case 'antigen-tests':
      return endpoints.antigenTests.response.parse(json).antigenTests;
    case 'itinerary':
      return endpoints.itinerary.response.parse(json).stops;
  }
}

describe('GET /api/me', () => {
  it('returns the masked name and ID number, and never the whole ones', async () => {
    const response = await api('/me', asA);
    expect(response.status).toBe(200);
    const text = await response.text();
    const me = endpoints.me.response.parse(JSON.parse(text));

    expect(me.citizen.id).toBe('demo-a');
    expect(me.citizen.maskedName).toBe('张*三');
    expect(me.citizen.maskedIdNumber).toBe('310***********1234');
    expect(me.citizen.colour).toBe('green');
    for (const secret of secrets) expect(text).not.toContain(secret);
  });

  it('lists the dependant demo-f, masked too', async () => {
    const me = endpoints.me.response.parse(await (await api('/me', asA)).json());
    expect(me.dependants).toHaveLength(1);
    expect(me.dependants[0]).toMatchObject({ id: 'demo-f', maskedName: '张*婆', maskedIdNumber: '310***********4564' });
  });

  it('lists no dependants for a citizen who has none', async () => {
    const me = endpoints.me.response.parse(await (await api('/me', asB)).json());
    expect(me.citizen.id).toBe('demo-b');
    expect(me.dependants).toEqual([]);
  });

  it('answers 401 JSON without a session or with a made-up one', async () => {
    await expectApiError(await api('/me'), 401, 'unauthenticated');
    await expectApiError(await api('/me', 'sw_session=not-a-real-token'), 401, 'unauthenticated');
    await expectApiError(await api('/me', 'sw_session='), 401, 'unauthenticated');
  });
});

describe("demo-a's own records", () => {
  it('vaccinations: three doses, valid per the contract', async () => {
    const response = await api('/citizens/demo-a/vaccinations', asA);
    expect(response.status).toBe(200);
    const { vaccinations } = endpoints.vaccinations.response.parse(await response.json());
    expect(vaccinations.map((dose) => dose.dose).sort()).toEqual([1, 2, 3]);
  });

  it('PCR tests: valid per the contract, newest sampling first', async () => {
    const response = await api('/citizens/demo-a/pcr-tests', asA);
    expect(response.status).toBe(200);
    const { pcrTests } = endpoints.pcrTests.response.parse(await response.json());
    expect(pcrTests).toHaveLength(3);
    const sampled = pcrTests.map((test) => Date.parse(test.sampledAt));
    expect(sampled).toEqual([...sampled].sort((x, y) => y - x));
    expect(new Set(sampled).size).toBe(sampled.length);
    // The freshest is about 20 h old (the seed), which is what lets demo-a leave Shanghai.
    const ageHours = (Date.now() - (sampled[0] ?? 0)) / 3_600_000;
    expect(ageHours).toBeGreaterThan(19);
    expect(ageHours).toBeLessThan(21);
    expect(pcrTests.every((test) => test.result === 'negative')).toBe(true);
  });

  it('antigen tests: valid per the contract', async () => {
    const response = await api('/citizens/demo-a/antigen-tests', asA);
    expect(response.status).toBe(200);
    const { antigenTests } = endpoints.antigenTests.response.parse(await response.json());
    expect(antigenTests).toHaveLength(1);
    expect(antigenTests[0]?.result).toBe('negative');
  });

  it('itinerary: valid per the contract and marks a risk city', async () => {
    const response = await api('/citizens/demo-a/itinerary', asA);
    expect(response.status).toBe(200);
    const { stops } = endpoints.itinerary.response.parse(await response.json());
    expect(stops.map((stop) => stop.city)).toEqual(['上海市', '苏州市', '杭州市']);
    expect(stops.filter((stop) => stop.risk).map((stop) => stop.city)).toEqual(['苏州市']);
  });

  it.each(recordKinds)('%s carries no whole name or ID number', async (kind) => {
    const text = await (await api(`/citizens/demo-a/${kind}`, asA)).text();
    for (const secret of secrets) expect(text).not.toContain(secret);
  });
});

describe('who may read whose records', () => {
  /** How many records the demo seed gives demo-f. */
  const seededForF: Record<RecordKind, number> = { vaccinations: 2, 'pcr-tests': 1, 'antigen-tests': 0, itinerary: 1 };

  it.each(recordKinds)("demo-a may read dependant demo-f's %s", async (kind) => {
    const asGuardian = await records('demo-f', kind, asA);
    expect(asGuardian).toHaveLength(seededForF[kind]);
    expect(asGuardian).toEqual(await records('demo-f', kind, asF));
    // …and gets demo-f's records, not their own.
    if (seededForF[kind] > 0) expect(asGuardian).not.toEqual(await records('demo-a', kind, asA));
  });

  it.each(recordKinds)("demo-b may not read demo-a's or demo-f's %s, answered as if they did not exist (404)", async (kind) => {
    const nobody = await (await api(`/citizens/demo-z/${kind}`, asB)).text();
    for (const subject of ['demo-a', 'demo-f']) {
      const text = await expectApiError(await api(`/citizens/${subject}/${kind}`, asB), 404, 'not_found');
      expect(text).toBe(nobody);
      expect(text).not.toContain('上海市徐汇区中心医院');
      expect(text).not.toContain('苏州市');
    }
  });

  it.each(recordKinds)("dependant demo-f may not read guardian demo-a's %s (404)", async (kind) => {
    await expectApiError(await api(`/citizens/demo-a/${kind}`, asF), 404, 'not_found');
  });

  it.each(recordKinds)('%s of a citizen who does not exist → 404', async (kind) => {
    await expectApiError(await api(`/citizens/demo-z/${kind}`, asA), 404, 'not_found');
  });

  const malformed = ['..%2F', '..%2F..%2Fdemo-a', 'a'.repeat(200), 'DEMO-A', 'demo-a%00', 'demo-a%20', '%E0%A4%A', "demo-a'%20OR%201=1"];
  it.each(malformed)('malformed citizen id %s → 404, not 500', async (id) => {
    for (const kind of recordKinds) {
      await expectApiError(await api(`/citizens/${id}/${kind}`, asA), 404, 'not_found');
    }
  });

  it.each(recordKinds)('%s without a session → 401 JSON', async (kind) => {
    await expectApiError(await api(`/citizens/demo-a/${kind}`), 401, 'unauthenticated');
    await expectApiError(await api(`/citizens/demo-a/${kind}`, 'sw_session=forged'), 401, 'unauthenticated');
  });
});

describe('GET /api/rule-sets', () => {
  it('is public and holds leave-shanghai: PCR within 48 h and a testing site’s or verified self-test antigen within 24 h', async () => {
    const response = await api('/rule-sets');
    expect(response.status).toBe(200);
    const { ruleSets } = endpoints.ruleSets.response.parse(await response.json());
    const leave = ruleSets.find((set) => set.id === 'leave-shanghai');
    expect(leave).toBeDefined();
    expect(leave?.clauses).toEqual(
      expect.arrayContaining([
        { kind: 'pcr-negative', maxAgeHours: 48 },
        { kind: 'antigen-negative', maxAgeHours: 24, acceptedTrust: ['institution', 'self-verified'] },
      ]),
    );
  });
});
