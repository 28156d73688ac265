/**
 * `npm run admin -- keys rotate` against a running server and a second node: the new key signs, the old
 * public key stays published while anything it signed may still be shown and then goes, venue codes are
 * signed again, and no private key reaches the output.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endpoints } from '../core/contract/endpoints.ts';
import { verifyToken } from '../core/crypto/signed-token.ts';
import { runAdmin } from './admin-commands.ts';
import { keepHouse } from './services/retention.ts';
import { createSigner, retiredKeyPublishedMs } from './services/signer.ts';
import { loginCookie, postJson, signingKeyLookup } from '../testing/server/test-client.ts';
import { startTestServer, type TestServer } from '../testing/server/test-server.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ signingKeySecret: 'a-long-deployment-secret' });
});
afterAll(() => server.close());

const publishedKids = async (url: string) => endpoints.signingKeys.response.parse(await (await fetch(`${url}/api/keys`)).json()).keys.map((key) => key.kid);
const kidOf = (token: string) => token.split('.')[1];

async function rotate(secret: string | undefined, options: string[] = []): Promise<string[]> {
  const lines: string[] = [];
  await runAdmin(['keys', 'rotate', ...options], { providers: server.services.providers, storage: server.storage, signingKeySecret: secret }, (line) => lines.push(line));
  return lines;
}

describe('keys rotate', () => {
  it('refuses a secret that does not open the current key, adding none', async () => {
    await expect(rotate('not-the-deployment-secret')).rejects.toThrow(/SIGNING_KEY_SECRET/);
    expect(await server.storage.signingKeys.all()).toHaveLength(1);
  });

  it('signs with a new key, keeps the old one published until what it signed has expired, then drops it', async () => {
    const oldKid = server.services.signer.kid;
    const cookie = await loginCookie(server.url, '13800000002');
    const venue = endpoints.registerVenue.response.parse(
      await (await postJson(server.url, '/venues', { name: '上海书城', district: '黄浦区', address: '福州路465号', kind: 'shop' }, cookie)).json(),
    ).venue;
    const oldToken = await server.services.signer.sign({ t: 'test', n: 1 });

    const lines = await rotate('a-long-deployment-secret');
    const rows = await server.storage.signingKeys.all();
    expect(rows).toHaveLength(2);
    const [newRow, oldRow] = rows;
    expect(oldRow?.kid).toBe(oldKid);
    expect(oldRow?.retiredAt).not.toBeNull();
    expect(lines.join('\n')).toContain(newRow?.kid ?? 'missing');
    // Sealed at rest, and never printed.
    expect(newRow?.privateJwk).toMatch(/^sealed:v1:/);
    const opened = await createSigner(server.storage.signingKeys, 'a-long-deployment-secret');
    expect(opened.kid).toBe(newRow?.kid);
    for (const line of lines) expect(line).not.toMatch(/"d"|sealed:/);

    // Running nodes pick the rotation up (every minute; here at once), and a node started now agrees.
    await server.services.signer.refresh();
    const nodeB = await server.startNode();
    for (const url of [server.url, nodeB.url]) expect(await publishedKids(url)).toEqual([newRow?.kid, oldKid]);
    expect(server.services.signer.kid).toBe(newRow?.kid);
    const newToken = await nodeB.services.signer.sign({ t: 'test', n: 2 });
    expect(kidOf(newToken)).toBe(newRow?.kid);
    const lookup = await signingKeyLookup(server.url);
    expect((await verifyToken(oldToken, lookup)).ok).toBe(true);
    expect((await verifyToken(newToken, lookup)).ok).toBe(true);

    // A routine rotation leaves posters as printed: the key that signed one outlives its 3 days while the venue exists.
    expect((await server.services.venues.byNumber(venue.number)).token).toBe(venue.token);
    const retiredAt = Date.parse(oldRow?.retiredAt ?? '');
    const pastWindow = retiredAt + retiredKeyPublishedMs + 1000;
    await keepHouse(server.storage, server.services.auth, pastWindow);
    await server.services.signer.refresh();
    expect(await publishedKids(server.url)).toEqual([newRow?.kid, oldKid]);
    expect((await verifyToken(venue.token, await signingKeyLookup(server.url))).ok).toBe(true);

    // A key that must go: every venue's code is signed anew, still saying the same place, and then nothing
    // keeps the old key past its window.
    const anew = await rotate('a-long-deployment-secret', ['--sign-venues-again']);
    const [newest] = await server.storage.signingKeys.all();
    expect(anew.join('\n')).toMatch(/1 venue codes were signed again/);
    const again = await server.services.venues.byNumber(venue.number);
    expect(kidOf(again.token)).toBe(newest?.kid);
    await server.services.signer.refresh();
    const verified = await verifyToken(again.token, await signingKeyLookup(server.url));
    expect(verified.ok && verified.payload).toEqual({ t: 'venue', id: venue.number, n: '上海书城', d: '黄浦区', a: '福州路465号' });
    await keepHouse(server.storage, server.services.auth, pastWindow);
    await server.services.signer.refresh();
    const published = await publishedKids(server.url);
    expect(published).toContain(newest?.kid);
    expect(published).not.toContain(oldKid);
    expect(await server.services.signer.verify(oldToken)).toBeUndefined();
    expect(await server.services.signer.verify(await server.services.signer.sign({ t: 'test', n: 3 }))).toEqual({ t: 'test', n: 3 });
  });
});
