import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { venueCodeUrl, type VenuePayload } from '../../../core/contract/venues.ts';
import { textToBase64url } from '../../../core/crypto/base64url.ts';
import { ecdsa, signToken, type KeyLookup } from '../../../core/crypto/signed-token.ts';
import { verifyVenueCode, verifyVenueToken } from './venue-code.ts';

const origin = 'https://suishen.example';
const venue: VenuePayload = { t: 'venue', id: '31010001', n: '<b>上海书城</b>', d: '黄浦区', a: '福州路465号' };

let lookup: KeyLookup;
let signed: string;
let foreignSigned: string;
let privateKey: CryptoKey;

beforeAll(async () => {
  const ours = await crypto.subtle.generateKey(ecdsa, false, ['sign', 'verify']);
  const theirs = await crypto.subtle.generateKey(ecdsa, false, ['sign', 'verify']);
  privateKey = ours.privateKey;
  lookup = (kid) => (kid === 'server1' ? ours.publicKey : undefined);
  signed = await signToken(ours.privateKey, 'server1', venue);
  // Same key id, someone else's key: what a forger without our private key can make.
  foreignSigned = await signToken(theirs.privateKey, 'server1', venue);
});

describe('verifyVenueCode', () => {
  it('accepts a venue URL of this app signed by a known key, and keeps HTML in the name as plain data', async () => {
    const result = await verifyVenueCode(venueCodeUrl(origin, signed), origin, lookup);
    expect(result).toEqual({ ok: true, venue, token: signed });
  });

  it('refuses a URL to another site, even carrying a valid token', async () => {
    expect(await verifyVenueCode(venueCodeUrl('https://evil.example', signed), origin, lookup)).toEqual({ ok: false, reason: 'foreign-url' });
    expect(await verifyVenueCode('http://suishen.example/v?c=' + signed, origin, lookup)).toEqual({ ok: false, reason: 'foreign-url' });
  });

  it('refuses plain text and a bare venue token that is not a URL', async () => {
    expect(await verifyVenueCode('hello, I am a QR code', origin, lookup)).toEqual({ ok: false, reason: 'plain-text' });
    expect(await verifyVenueCode(signed, origin, lookup)).toEqual({ ok: false, reason: 'plain-text' });
    expect(await verifyVenueCode('   ', origin, lookup)).toEqual({ ok: false, reason: 'empty' });
  });

  it('refuses a personal health code in every shape it comes in', async () => {
    const personal = await signToken(privateKey, 'server1', { t: 'health', sub: 'demo-a' });
    expect(await verifyVenueCode('SSM1~v1.k.e30.sig~1650000000~sig', origin, lookup)).toEqual({ ok: false, reason: 'personal-code' });
    expect(await verifyVenueCode('SSM2:6BFOXN*TS6$96', origin, lookup)).toEqual({ ok: false, reason: 'personal-code' });
    expect(await verifyVenueCode(personal, origin, lookup)).toEqual({ ok: false, reason: 'personal-code' });
    expect(await verifyVenueCode(`${origin}/h/${personal}`, origin, lookup)).toEqual({ ok: false, reason: 'personal-code' });
    expect(await verifyVenueCode(`${origin}/verify?c=${personal}`, origin, lookup)).toEqual({ ok: false, reason: 'personal-code' });
    expect(await verifyVenueCode(venueCodeUrl(origin, personal), origin, lookup)).toEqual({ ok: false, reason: 'personal-code' });
  });

  it('refuses another page of this app', async () => {
    expect(await verifyVenueCode(`${origin}/settings`, origin, lookup)).toEqual({ ok: false, reason: 'not-venue-url' });
  });

  it('refuses a forged signature and a key it does not know', async () => {
    expect(await verifyVenueCode(venueCodeUrl(origin, foreignSigned), origin, lookup)).toEqual({ ok: false, reason: 'bad-signature' });
    const unknownKid = signed.replace('.server1.', '.server2.');
    expect(await verifyVenueCode(venueCodeUrl(origin, unknownKid), origin, lookup)).toEqual({ ok: false, reason: 'unknown-key' });
  });

  it('refuses a token whose payload was changed after signing', async () => {
    const [version, kid, , signature] = signed.split('.');
    const renamed = textToBase64url(JSON.stringify({ ...venue, n: '假场所' }));
    const tampered = `${version ?? ''}.${kid ?? ''}.${renamed}.${signature ?? ''}`;
    expect(await verifyVenueCode(venueCodeUrl(origin, tampered), origin, lookup)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('refuses a truncated code wherever it was cut', async () => {
    const url = venueCodeUrl(origin, signed);
    for (const cut of [1, 2, 10, 50, 90, signed.length - 1]) {
      const result = await verifyVenueCode(url.slice(0, url.length - cut), origin, lookup);
      expect(result, `cut ${cut}`).toEqual({ ok: false, reason: 'truncated' });
    }
    expect(await verifyVenueCode(`${origin}/v?c=`, origin, lookup)).toEqual({ ok: false, reason: 'truncated' });
    expect(await verifyVenueCode(`${origin}/v`, origin, lookup)).toEqual({ ok: false, reason: 'not-venue-url' });
  });

  it('refuses anything over 2 KB before any parsing', async () => {
    const big = await signToken(privateKey, 'server1', { ...venue, a: '路'.repeat(700) });
    expect(await verifyVenueCode(venueCodeUrl(origin, big), origin, lookup)).toEqual({ ok: false, reason: 'too-large' });
    expect(await verifyVenueToken(big, lookup)).toEqual({ ok: false, reason: 'too-large' });
  });

  it('refuses a validly signed payload that is not a well-formed venue', async () => {
    const odd = await signToken(privateKey, 'server1', { t: 'venue', id: 'abc' });
    expect(await verifyVenueCode(venueCodeUrl(origin, odd), origin, lookup)).toEqual({ ok: false, reason: 'bad-payload' });
  });
});

// Hundreds of WebCrypto verifications on a shared two-core machine need more than the default 5 s.
describe('verifyVenueCode properties', { timeout: 30_000 }, () => {
  it('never throws, whatever is scanned', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.webUrl(), fc.string().map((s) => `${origin}/v?c=${s}`)), async (text) => {
        const result = await verifyVenueCode(text, origin, lookup);
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 300 },
    );
  });

  it('accepts nothing that was not signed by the known key', async () => {
    const anyPayload = fc.oneof(
      fc.record({ t: fc.constant('venue'), id: fc.stringMatching(/^\d{8}$/), n: fc.string({ minLength: 1 }), d: fc.string({ minLength: 1 }), a: fc.string({ minLength: 1 }) }),
      fc.jsonValue(),
    );
    const anySignature = fc.uint8Array({ minLength: 0, maxLength: 70 }).map((bytes) => textToBase64url(String.fromCharCode(...bytes)));
    await fc.assert(
      fc.asyncProperty(anyPayload, anySignature, fc.constantFrom('server1', 'server2', 'x'), async (payload, signature, kid) => {
        const token = `v1.${kid}.${textToBase64url(JSON.stringify(payload))}.${signature}`;
        const result = await verifyVenueCode(venueCodeUrl(origin, token), origin, lookup);
        expect(result.ok).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses every truncation of a valid code', async () => {
    const url = venueCodeUrl(origin, signed);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: url.length - 1 }), async (length) => {
        const result = await verifyVenueCode(url.slice(0, length), origin, lookup);
        expect(result.ok).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});
