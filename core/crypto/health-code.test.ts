import type { CryptoKeyPair } from './web-crypto.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { base64urlToText, textToBase64url } from './base64url.ts';
import { factsFromClaims } from '../rules/facts.ts';
import { codePrefix, paperCodeText, type CredentialClaims } from './health-code.ts';
import { presentCode } from './live-code.ts';
import { trustFromLetter } from './trust-letters.ts';
import { readHealthCode } from './read-health-code.ts';
import { ecdsa, signToken } from './signed-token.ts';
import { seconds, testCredentialClaims, testKeys, testNow, testPaperClaims } from '../../testing/codes/claims.ts';

const now = testNow;

let server: CryptoKeyPair;
let device: CryptoKeyPair;
let claims: CredentialClaims;
let credential: string;
const lookup = (kid: string) => (kid === 'srv1' ? server.publicKey : undefined);

beforeAll(async () => {
  ({ server, device } = await testKeys());
  claims = await testCredentialClaims(device);
  credential = await signToken(server.privateKey, 'srv1', claims);
});

/** The credential with its payload rewritten, signature kept: what a forger would try. */
function withPayload(token: string, edit: (payload: Record<string, unknown>) => void): string {
  const [v, kid, payload, signature] = token.split('.') as [string, string, string, string];
  const parsed = JSON.parse(base64urlToText(payload) ?? '') as Record<string, unknown>;
  edit(parsed);
  return [v, kid, textToBase64url(JSON.stringify(parsed)), signature].join('.');
}

describe('health code round trip', () => {
  it('reads back the claims of a code signed a moment ago', async () => {
    const code = await presentCode(credential, device.privateKey, now);
    expect(code.startsWith(`${codePrefix}~v1.srv1.`)).toBe(true);
    expect(await readHealthCode(code, lookup, now + 5_000)).toEqual({ ok: true, kind: 'live', claims, signedAt: seconds(now) * 1000 });
  });

  it('carries the antigen’s trust level, and reads a code signed before levels as naming none', async () => {
    for (const level of ['i', 'v', 'r'] as const) {
      const levelled = { ...claims, a: ['n', claims.iat, level] as const };
      const code = await presentCode(await signToken(server.privateKey, 'srv1', levelled), device.privateKey, now);
      const read = await readHealthCode(code, lookup, now);
      expect(read.ok && read.claims.a).toEqual(['n', claims.iat, level]);
      expect(read.ok && factsFromClaims(read.claims).antigen[0]?.trust).toBe(trustFromLetter(level));
    }
    const older = await presentCode(await signToken(server.privateKey, 'srv1', { ...claims, a: ['n', claims.iat] }), device.privateKey, now);
    const read = await readHealthCode(older, lookup, now);
    expect(read.ok && read.claims.a).toEqual(['n', claims.iat]);
    expect(read.ok && factsFromClaims(read.claims).antigen).toEqual([{ result: 'negative', at: claims.iat * 1000, trust: undefined }]);
    // A letter no level has is not a code this reader understands.
    const odd = await presentCode(await signToken(server.privateKey, 'srv1', { ...claims, a: ['n', claims.iat, 'x'] }), device.privateKey, now);
    expect(await readHealthCode(odd, lookup, now)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('refuses a credential signed for longer than a day, however well signed (issue 22)', async () => {
    const forever = await signToken(server.privateKey, 'srv1', { ...claims, exp: claims.iat + 365 * 86_400 });
    expect(await readHealthCode(await presentCode(forever, device.privateKey, now), lookup, now)).toEqual({ ok: false, reason: 'malformed' });
    const paperForever = await signToken(server.privateKey, 'srv1', { ...testPaperClaims(), exp: testPaperClaims().iat + 30 * 86_400 });
    expect(await readHealthCode(paperCodeText(paperForever), lookup, now)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('calls a level raised after signing forged', async () => {
    const raised = withPayload(credential, (p) => (p.a = ['n', claims.iat, 'i']));
    expect(await readHealthCode(await presentCode(raised, device.privateKey, now), lookup, now)).toEqual({ ok: false, reason: 'forged' });
  });

  it('stays well under 600 characters', async () => {
    expect((await presentCode(credential, device.privateKey, now)).length).toBeLessThan(600);
  });
});

describe('refusals', () => {
  it('names a changed colour, and calls any other changed field forged', async () => {
    const greened = withPayload(credential, (p) => (p.c = 'green'));
    expect(await readHealthCode(await presentCode(greened, device.privateKey, now), lookup, now)).toEqual({ ok: false, reason: 'tampered-colour' });
    const edits: ((p: Record<string, unknown>) => void)[] = [
      (p) => (p.s = 'demo-b'),
      (p) => (p.n = '李*海'),
      (p) => (p.p = ['n', seconds(now)]),
      (p) => (p.a = null),
      (p) => (p.d = 4),
      (p) => (p.exp = seconds(now + 99 * 3_600_000)),
      (p) => (p.iat = seconds(now)),
    ];
    for (const edit of edits) {
      const code = await presentCode(withPayload(credential, edit), device.privateKey, now);
      expect(await readHealthCode(code, lookup, now)).toEqual({ ok: false, reason: 'forged' });
    }
  });

  it('refuses a credential bound to another device key, or a device key swapped in', async () => {
    const other = await crypto.subtle.generateKey(ecdsa, false, ['sign', 'verify']);
    expect(await readHealthCode(await presentCode(credential, other.privateKey, now), lookup, now)).toEqual({ ok: false, reason: 'device-signature' });
    const swapped = withPayload(credential, (p) => (p.k = 'A'.repeat(87)));
    expect((await readHealthCode(await presentCode(swapped, other.privateKey, now), lookup, now)).ok).toBe(false);
  });

  it('refuses a changed timestamp, a credential signed by an unknown or wrong server key', async () => {
    const code = await presentCode(credential, device.privateKey, now);
    const [prefix, cred, , signature] = code.split('~');
    expect(await readHealthCode([prefix, cred, String(seconds(now) + 60), signature].join('~'), lookup, now + 60_000)).toEqual({ ok: false, reason: 'device-signature' });
    const imposter = await crypto.subtle.generateKey(ecdsa, false, ['sign', 'verify']);
    const unknown = await signToken(imposter.privateKey, 'srv2', claims);
    expect(await readHealthCode(await presentCode(unknown, device.privateKey, now), lookup, now)).toEqual({ ok: false, reason: 'unknown-key' });
    const wrongKey = await signToken(imposter.privateKey, 'srv1', claims);
    expect(await readHealthCode(await presentCode(wrongKey, device.privateKey, now), lookup, now)).toEqual({ ok: false, reason: 'forged' });
  });

  it('refuses a stale or future timestamp at the exact edges, with skewed clocks', async () => {
    const code = await presentCode(credential, device.privateKey, now);
    const signedAt = seconds(now) * 1000;
    expect((await readHealthCode(code, lookup, signedAt + 90_000)).ok).toBe(true);
    expect(await readHealthCode(code, lookup, signedAt + 90_001)).toEqual({ ok: false, reason: 'stale' });
    // The citizen's phone runs 30 s fast: still accepted; 31 s fast reads as a code from the future.
    expect((await readHealthCode(code, lookup, signedAt - 30_000)).ok).toBe(true);
    expect(await readHealthCode(code, lookup, signedAt - 31_000)).toEqual({ ok: false, reason: 'future' });
  });

  it('cannot judge on a reader whose clock is behind the server that issued the code', async () => {
    const code = await presentCode(credential, device.privateKey, now);
    const issuedAt = claims.iat * 1000;
    // A reader 2 h behind: the credential was issued "in its future".
    expect(await readHealthCode(code, lookup, issuedAt - 2 * 3_600_000)).toEqual({ ok: false, reason: 'clock' });
    expect(await readHealthCode(code, lookup, issuedAt - 5 * 60_000 - 1)).toEqual({ ok: false, reason: 'clock' });
    expect(await readHealthCode(code, lookup, issuedAt - 5 * 60_000)).toEqual({ ok: false, reason: 'future' });
    const printed = paperCodeText(await signToken(server.privateKey, 'srv1', { ...claims, t: 'paper', k: undefined, i: '310***********1234' }));
    expect(await readHealthCode(printed, lookup, issuedAt - 2 * 3_600_000)).toEqual({ ok: false, reason: 'clock' });
  });

  it('refuses an expired credential even from a fresh code', async () => {
    const later = now + 2 * 3_600_000;
    expect(await readHealthCode(await presentCode(credential, device.privateKey, later), lookup, later)).toEqual({ ok: false, reason: 'expired' });
  });

  it('tells a venue code, a foreign QR and a broken code apart', async () => {
    const venue = await signToken(server.privateKey, 'srv1', { t: 'venue', v: 'v-1', n: '徐汇店' });
    expect(await readHealthCode(`https://suishen.example/v/${venue}`, lookup, now)).toEqual({ ok: false, reason: 'venue-code' });
    expect(await readHealthCode(venue, lookup, now)).toEqual({ ok: false, reason: 'venue-code' });
    const venueInCode = await presentCode(venue, device.privateKey, now);
    expect(await readHealthCode(venueInCode, lookup, now)).toEqual({ ok: false, reason: 'venue-code' });
    expect(await readHealthCode('https://example.com/', lookup, now)).toEqual({ ok: false, reason: 'foreign' });
    expect(await readHealthCode('hello', lookup, now)).toEqual({ ok: false, reason: 'foreign' });
    expect(await readHealthCode('   ', lookup, now)).toEqual({ ok: false, reason: 'empty' });
    const code = await presentCode(credential, device.privateKey, now);
    expect(await readHealthCode(code.slice(0, -10), lookup, now)).toEqual({ ok: false, reason: 'device-signature' });
    expect(await readHealthCode(code.split('~').slice(0, 3).join('~'), lookup, now)).toEqual({ ok: false, reason: 'malformed' });
    expect(await readHealthCode(code.replace(/~\d+~/, '~12x~'), lookup, now)).toEqual({ ok: false, reason: 'malformed' });
  });
});

describe('paper codes', () => {
  const paper = testPaperClaims;

  it('accepts a paper code printed a day ago, with no timestamp and no device, until its printed end', async () => {
    const code = paperCodeText(await signToken(server.privateKey, 'srv1', paper()));
    expect(await readHealthCode(code, lookup, now)).toEqual({ ok: true, kind: 'paper', claims: paper() });
    const end = paper().exp * 1000;
    expect((await readHealthCode(code, lookup, end - 1)).ok).toBe(true);
    expect(await readHealthCode(code, lookup, end)).toEqual({ ok: false, reason: 'paper-expired' });
  });

  it('keeps the server signature’s guarantees: colour, forgery, unknown key', async () => {
    const token = await signToken(server.privateKey, 'srv1', { ...paper(), c: 'red' });
    expect(await readHealthCode(paperCodeText(withPayload(token, (p) => (p.c = 'green'))), lookup, now)).toEqual({ ok: false, reason: 'tampered-colour' });
    expect(await readHealthCode(paperCodeText(withPayload(token, (p) => (p.exp = seconds(now + 365 * 86_400_000)))), lookup, now)).toEqual({ ok: false, reason: 'forged' });
    const stranger = await crypto.subtle.generateKey(ecdsa, false, ['sign', 'verify']);
    expect(await readHealthCode(paperCodeText(await signToken(stranger.privateKey, 'srv2', paper())), lookup, now)).toEqual({ ok: false, reason: 'unknown-key' });
  });

  it('never lets a phone credential pass as paper, nor paper pass as a live code', async () => {
    // A copied credential with no device signature would otherwise skip the screenshot checks.
    expect(await readHealthCode(paperCodeText(credential), lookup, now)).toEqual({ ok: false, reason: 'device-signature' });
    const paperToken = await signToken(server.privateKey, 'srv1', paper());
    expect(await readHealthCode(await presentCode(paperToken, device.privateKey, now), lookup, now)).toEqual({ ok: false, reason: 'malformed' });
    const venue = await signToken(server.privateKey, 'srv1', { t: 'venue', v: 'v-1', n: '徐汇店' });
    expect(await readHealthCode(paperCodeText(venue), lookup, now)).toEqual({ ok: false, reason: 'venue-code' });
  });
});
