/**
 * `npm run admin -- keys rotate` against a running server and a second node: the new key signs, the old
 * public key stays published while anything it signed may still be shown and then goes, venue codes are
 * signed again, and no private key reaches the output.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endpoints } from '../core/contract.ts';
import { verifyToken } from '../core/crypto/signed-token.ts';
import { runAdmin } from './admin-commands.ts';
import { keepHouse } from './services/retention.ts';
import { createSigner, retiredKeyPublishedMs } from './services/signer.ts';
import { loginCookie, postJson, signingKeyLookup } from './test-client.ts';
import { startTestServer, type TestServer } from './test-server.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ signingKeySecret: 'a-long-deployment-secret' });
});
afterAll(() => server.close());

const publishedKids = async (url: string) => endpoints.signingKeys.response.parse(await (await fetch(`${url}/api/keys`)).json()).keys.map((key) => key.kid);
const kidOf = (token: string) => token.split('.')[1];

async function rotate(secret: string | undefined): Promise<string[]> {
  const lines: string[] = [];
  await runAdmin(['keys', 'rotate'], { providers: server.services.providers, storage: server.storage, signingKeySecret: secret }, (line) => lines.push(line));
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
    expect(oldRow?.retired_at).not.toBeNull();
    expect(lines.join('\n')).toContain(newRow?.kid ?? 'missing');
    // Sealed at rest, and never printed.
    expect(newRow?.private_jwk).toMatch(/^sealed:v1:/);
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

    // The venue's code was signed again with the new key, and still says the same place.
    const again = await server.services.venues.byNumber(venue.number);
    expect(kidOf(venue.token)).toBe(oldKid);
    expect(kidOf(again.token)).toBe(newRow?.kid);
    const verified = await verifyToken(again.token, lookup);
    expect(verified.ok && verified.payload).toEqual({ t: 'venue', id: venue.number, n: '上海书城', d: '黄浦区', a: '福州路465号' });

    // A moment before the window ends the old key is still published; after it, house-keeping removes it.
    const retiredAt = Date.parse(oldRow?.retired_at ?? '');
    const justBefore = await createSigner(server.storage.signingKeys, 'a-long-deployment-secret', () => retiredAt + retiredKeyPublishedMs - 1000);
    expect(justBefore.publicKeys().map((key) => key.kid)).toEqual([newRow?.kid, oldKid]);
    await keepHouse(server.storage, server.services.auth, retiredAt + retiredKeyPublishedMs + 1000);
    await server.services.signer.refresh();
    expect(await publishedKids(server.url)).toEqual([newRow?.kid]);
    expect(await server.services.signer.verify(oldToken)).toBeUndefined();
    expect(await server.services.signer.verify(newToken)).toEqual({ t: 'test', n: 2 });
  });
});
