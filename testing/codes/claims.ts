/** Claims and keys the code tests share: one moment, a server and a device key, a phone's and a paper code's claims. */
import type { CryptoKeyPair } from '../../core/crypto/web-crypto.ts';
import { publicKeyToRaw, type CredentialClaims, type PaperClaims } from '../../core/crypto/health-code.ts';
import { ecdsa } from '../../core/crypto/signed-token.ts';

export const testNow = Date.parse('2022-04-02T10:00:00+08:00');
export const seconds = (ms: number) => Math.floor(ms / 1000);
const hour = 3_600_000;

export async function testKeys(): Promise<{ server: CryptoKeyPair; device: CryptoKeyPair }> {
  return {
    server: await crypto.subtle.generateKey(ecdsa, false, ['sign', 'verify']),
    device: await crypto.subtle.generateKey(ecdsa, false, ['sign', 'verify']),
  };
}

/** Citizen (a)'s red credential, issued a minute before `testNow` and bound to `device`. */
export async function testCredentialClaims(device: CryptoKeyPair, edit: Partial<CredentialClaims> = {}): Promise<CredentialClaims> {
  return {
    t: 'cred',
    s: 'demo-a',
    n: '张*三',
    c: 'red',
    p: ['n', seconds(testNow - 20 * hour)],
    a: ['n', seconds(testNow - 3 * hour), 'v'],
    d: 3,
    k: await publicKeyToRaw(device.publicKey),
    iat: seconds(testNow - 60_000),
    exp: seconds(testNow + hour),
    ...edit,
  };
}

/** 张*婆's paper code, printed a day before `testNow` and good for two more. */
export const testPaperClaims = (): PaperClaims => ({
  t: 'paper',
  s: 'demo-f',
  n: '张*婆',
  i: '310***********4564',
  c: 'green',
  p: ['n', seconds(testNow - 30 * hour)],
  a: null,
  d: 3,
  iat: seconds(testNow - 24 * hour),
  exp: seconds(testNow + 48 * hour),
});
