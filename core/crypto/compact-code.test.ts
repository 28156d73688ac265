import type { CryptoKeyPair } from './web-crypto.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeQr } from '../qr/encode.ts';
import { base45ToBytes, bytesToBase45 } from './base45.ts';
import { base64urlToBytes, bytesToBase64url } from './base64url.ts';
import { decodeCbor, encodeCbor, type CborValue } from './cbor.ts';
import { factsFromClaims } from '../rules/facts.ts';
import { encodeClaims, presentCompactCode, serverSigned, signCompactCredential, signCompactPaperCode } from './compact-code.ts';
import { compactPrefix, publicKeyToRaw, type CredentialClaims } from './health-code.ts';
import { presentCode } from './live-code.ts';
import { readHealthCode } from './read-health-code.ts';
import { ecdsa, signToken } from './signed-token.ts';
import { seconds, testCredentialClaims, testKeys, testNow, testPaperClaims } from '../../testing/codes/claims.ts';

const now = testNow;
/** An 8-byte key id, as the server's (an RFC 7638 thumbprint shortened) always is. */
const kid = 'Zm9vYmFyMDE';

let server: CryptoKeyPair;
let device: CryptoKeyPair;
let claims: CredentialClaims;
const lookup = (id: string) => (id === kid ? server.publicKey : undefined);
const paper = testPaperClaims;

beforeAll(async () => {
  ({ server, device } = await testKeys());
  // A provider-fed citizen's id ends in a UUID; a long masked name; a positive antigen; the longest lifetime.
  claims = await testCredentialClaims(device, {
    s: 'c-3f2b8c1e-5d4a-4b7e-9c1d-2e3f4a5b6c7d',
    n: '欧阳**明',
    a: ['p', seconds(now - 3 * 3_600_000), 'r'],
    exp: seconds(now + 24 * 3_600_000),
  });
});

/** The CBOR array a code's text holds. */
function itemsOf(code: string): CborValue[] {
  const decoded = decodeCbor(base45ToBytes(code.slice(compactPrefix.length)) ?? new Uint8Array());
  return [...((decoded?.value ?? []) as CborValue[])];
}

function codeOf(items: CborValue[]): string {
  return compactPrefix + bytesToBase45(encodeCbor(items));
}

/** The code with one claim rewritten, every signature kept: what a forger would try. */
function withClaim(code: string, index: number, value: CborValue): string {
  const items = itemsOf(code);
  const claimItems = [...(decodeCbor(items[1] as Uint8Array)?.value as CborValue[])];
  claimItems[index] = value;
  items[1] = encodeCbor(claimItems);
  return codeOf(items);
}

describe('compact code round trip', () => {
  it('reads back exactly the claims the SSM1 form carries, with the time it was signed', async () => {
    const code = await presentCompactCode(await signCompactCredential(server.privateKey, kid, claims), device.privateKey, now);
    expect(code).toMatch(/^SSM2:[0-9A-Z $%*+\-./:]+$/);
    expect(await readHealthCode(code, lookup, now + 5_000)).toEqual({ ok: true, kind: 'live', claims, signedAt: seconds(now) * 1000 });
    const legacy = await presentCode(await signToken(server.privateKey, kid, claims), device.privateKey, now);
    expect(await readHealthCode(legacy, lookup, now + 5_000)).toEqual(await readHealthCode(code, lookup, now + 5_000));
  });

  it('carries plain subjects, no tests, and a code signed before its credential’s iat (a phone a little behind)', async () => {
    const plain: CredentialClaims = { ...claims, s: 'demo-a', p: null, a: null, d: 0 };
    const credential = await signCompactCredential(server.privateKey, kid, plain);
    const early = now - 120_000;
    expect(await readHealthCode(await presentCompactCode(credential, device.privateKey, early), lookup, early)).toEqual({
      ok: true,
      kind: 'live',
      claims: plain,
      signedAt: seconds(early) * 1000,
    });
  });

  it('carries each trust level as one small integer beside the antigen, and a level raised after signing is forged', async () => {
    for (const level of ['i', 'v', 'r'] as const) {
      const levelled: CredentialClaims = { ...claims, a: ['n', claims.iat, level] };
      const code = await presentCompactCode(await signCompactCredential(server.privateKey, kid, levelled), device.privateKey, now);
      const read = await readHealthCode(code, lookup, now);
      expect(read.ok && read.claims.a).toEqual(['n', claims.iat, level]);
      const claimItems = decodeCbor(itemsOf(code)[1] as Uint8Array)?.value as CborValue[];
      expect(claimItems[5]).toEqual([-1 - claims.iat, ['i', 'v', 'r'].indexOf(level)]);
    }
    const code = await presentCompactCode(await signCompactCredential(server.privateKey, kid, { ...claims, a: ['n', claims.iat, 'r'] }), device.privateKey, now);
    expect(await readHealthCode(withClaim(code, 5, [-1 - claims.iat, 1]), lookup, now)).toEqual({ ok: false, reason: 'forged' });
  });

  it('reads an antigen without a level (a code made before levels) as naming none, and an unknown level as malformed', async () => {
    const older: CredentialClaims = { ...claims, a: ['n', claims.iat] };
    const code = await presentCompactCode(await signCompactCredential(server.privateKey, kid, older), device.privateKey, now);
    expect(decodeCbor(itemsOf(code)[1] as Uint8Array)?.value).toContain(-1 - claims.iat);
    const read = await readHealthCode(code, lookup, now);
    expect(read.ok && read.claims.a).toEqual(['n', claims.iat]);
    expect(read.ok && factsFromClaims(read.claims).antigen[0]?.trust).toBeUndefined();
    // Signed over a level index no reader knows: the signature holds, the claims do not parse.
    const items = [...(decodeCbor(encodeClaims({ ...claims, a: ['n', claims.iat, 'v'] }))?.value as CborValue[])];
    items[5] = [-1 - claims.iat, 7];
    const claimBytes = encodeCbor(items);
    const kidBytes = base64urlToBytes(kid) ?? new Uint8Array();
    const signature = new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, server.privateKey, serverSigned(kidBytes, claimBytes)));
    const credential = bytesToBase64url(encodeCbor([kidBytes, claimBytes, signature]));
    expect(await readHealthCode(await presentCompactCode(credential, device.privateKey, now), lookup, now)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('fits QR version 11 at error correction M, in alphanumeric mode, for a long subject and name', async () => {
    const code = await presentCompactCode(await signCompactCredential(server.privateKey, kid, claims), device.privateKey, now);
    const { mode, version } = encodeQr(code, 'M');
    expect(mode).toBe('alphanumeric');
    expect(version).toBeLessThanOrEqual(11);
    expect(code.length).toBeLessThan(370);
  });

  it('prints a paper code that reads back as paper', async () => {
    const code = await signCompactPaperCode(server.privateKey, kid, paper());
    expect(await readHealthCode(code, lookup, now)).toEqual({ ok: true, kind: 'paper', claims: paper() });
    expect(await readHealthCode(code, lookup, paper().exp * 1000)).toEqual({ ok: false, reason: 'paper-expired' });
  });
});

describe('compact code refusals', () => {
  let code: string;
  beforeAll(async () => {
    code = await presentCompactCode(await signCompactCredential(server.privateKey, kid, claims), device.privateKey, now);
  });

  it('names a changed colour, and calls any other changed claim forged', async () => {
    expect(await readHealthCode(withClaim(code, 3, 0), lookup, now)).toEqual({ ok: false, reason: 'tampered-colour' });
    const edits: [number, CborValue][] = [
      [1, 'demo-b'],
      [2, '李*海'],
      [4, -1 - seconds(now)],
      [5, null],
      [6, 4],
      [7, seconds(now)],
      [8, seconds(now + 99 * 3_600_000)],
    ];
    for (const [index, value] of edits) expect(await readHealthCode(withClaim(code, index, value), lookup, now)).toEqual({ ok: false, reason: 'forged' });
  });

  it('refuses another device’s signature, a device key swapped in, and a changed time', async () => {
    const other = await crypto.subtle.generateKey(ecdsa, false, ['sign', 'verify']);
    const credential = await signCompactCredential(server.privateKey, kid, claims);
    expect(await readHealthCode(await presentCompactCode(credential, other.privateKey, now), lookup, now)).toEqual({ ok: false, reason: 'device-signature' });
    const otherKey = base64urlToBytes(await publicKeyToRaw(other.publicKey)) ?? new Uint8Array();
    const swapped = withClaim(await presentCompactCode(credential, other.privateKey, now), 9, new Uint8Array([2 + (otherKey[64] ?? 0) % 2, ...otherKey.slice(1, 33)]));
    expect(await readHealthCode(swapped, lookup, now)).toEqual({ ok: false, reason: 'forged' });
    const items = itemsOf(code);
    items[3] = (items[3] as number) + 60;
    expect(await readHealthCode(codeOf(items), lookup, now + 60_000)).toEqual({ ok: false, reason: 'device-signature' });
  });

  it('refuses an unknown or wrong server key', async () => {
    const imposter = await crypto.subtle.generateKey(ecdsa, false, ['sign', 'verify']);
    const unknown = await signCompactCredential(imposter.privateKey, 'b3RoZXJrZXk', claims);
    expect(await readHealthCode(await presentCompactCode(unknown, device.privateKey, now), lookup, now)).toEqual({ ok: false, reason: 'unknown-key' });
    const wrong = await signCompactCredential(imposter.privateKey, kid, claims);
    expect(await readHealthCode(await presentCompactCode(wrong, device.privateKey, now), lookup, now)).toEqual({ ok: false, reason: 'forged' });
  });

  it('refuses a cut, padded, re-cased or garbled text as malformed', async () => {
    for (const broken of [code.slice(0, -9), `${code}00`, code.toLowerCase().replace('ssm2:', 'SSM2:'), `${compactPrefix}GGW`, compactPrefix, codeOf([1, 2, 3])]) {
      expect(await readHealthCode(broken, lookup, now)).toEqual({ ok: false, reason: 'malformed' });
    }
  });

  it('never lets a phone credential pass as paper, nor paper pass as a live code', async () => {
    const credentialOnly = codeOf(itemsOf(code).slice(0, 3));
    expect(await readHealthCode(credentialOnly, lookup, now)).toEqual({ ok: false, reason: 'device-signature' });
    const paperCode = await signCompactPaperCode(server.privateKey, kid, paper());
    const dressedUp = codeOf([...itemsOf(paperCode), 0, new Uint8Array(64)]);
    expect(await readHealthCode(dressedUp, lookup, now)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('refuses stale and future times at the same edges as SSM1', async () => {
    const signedAt = seconds(now) * 1000;
    expect((await readHealthCode(code, lookup, signedAt + 90_000)).ok).toBe(true);
    expect(await readHealthCode(code, lookup, signedAt + 90_001)).toEqual({ ok: false, reason: 'stale' });
    expect(await readHealthCode(code, lookup, signedAt - 31_000)).toEqual({ ok: false, reason: 'future' });
  });

  it('will not sign claims whose device key is not a point', async () => {
    await expect(signCompactCredential(server.privateKey, kid, { ...claims, k: 'A'.repeat(87) })).rejects.toThrow();
    expect(() => encodeClaims({ ...claims, k: 'short' })).toThrow();
  });
});
