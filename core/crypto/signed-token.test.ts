import { describe, expect, it } from 'vitest';
import { textToBase64url } from './base64url.ts';
import { keyId } from './keys.ts';
import { ecdsa, payloadType, signToken, unverifiedTokenType, verifyToken } from './signed-token.ts';

async function keyPair() {
  return crypto.subtle.generateKey(ecdsa, true, ['sign', 'verify']);
}

describe('signed tokens', () => {
  it('round-trips a payload signed by a known key', async () => {
    const pair = await keyPair();
    const token = await signToken(pair.privateKey, 'k1', { venue: '徐汇 <b>店</b>' });
    const result = await verifyToken(token, (kid) => (kid === 'k1' ? pair.publicKey : undefined));
    expect(result).toEqual({ ok: true, kid: 'k1', payload: { venue: '徐汇 <b>店</b>' } });
  });

  it('refuses a token whose payload was changed after signing', async () => {
    const pair = await keyPair();
    const [v, kid, , signature] = (await signToken(pair.privateKey, 'k1', { colour: 'red' })).split('.');
    const forged = [v, kid, textToBase64url(JSON.stringify({ colour: 'green' })), signature].join('.');
    expect(await verifyToken(forged, () => pair.publicKey)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('refuses a signature from another key and an unknown key id', async () => {
    const [signer, other] = [await keyPair(), await keyPair()];
    const token = await signToken(signer.privateKey, 'k1', {});
    expect(await verifyToken(token, () => other.publicKey)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(await verifyToken(token, () => undefined)).toEqual({ ok: false, reason: 'unknown-key' });
  });

  it('refuses truncated, malformed and oversized tokens without throwing', async () => {
    const pair = await keyPair();
    const token = await signToken(pair.privateKey, 'k1', { a: 1 });
    const lookup = () => pair.publicKey;
    for (const bad of [token.slice(0, -5), token.slice(0, 20), '', 'hello', 'v2' + token.slice(2), `${token}.x`, token.replace('.', '..')]) {
      expect((await verifyToken(bad, lookup)).ok).toBe(false);
    }
    expect(await verifyToken('v1.k1.' + 'a'.repeat(3000) + '.b', lookup)).toEqual({ ok: false, reason: 'too-large' });
  });

  it('derives the same short key id from the same key', async () => {
    const jwk = await crypto.subtle.exportKey('jwk', (await keyPair()).publicKey);
    const ids = [await keyId({ kty: 'EC', crv: 'P-256', x: jwk.x ?? '', y: jwk.y ?? '' }), await keyId({ crv: 'P-256', kty: 'EC', y: jwk.y ?? '', x: jwk.x ?? '' })];
    expect(ids[0]).toBe(ids[1]);
    expect(ids[0]).toMatch(/^[A-Za-z0-9_-]{11}$/);
  });
});

describe('type markers', () => {
  it('reads the marker a signed token carries, signature unchecked', async () => {
    const pair = await keyPair();
    expect(unverifiedTokenType(await signToken(pair.privateKey, 'k1', { t: 'venue', id: '12345678' }))).toBe('venue');
    expect(unverifiedTokenType(`v1.k1.${textToBase64url(JSON.stringify({ t: 'cred' }))}.not-a-signature`)).toBe('cred');
  });

  it('finds no marker where there is none or the payload is not JSON', () => {
    expect(unverifiedTokenType(`v1.k1.${textToBase64url(JSON.stringify({ venue: 'x' }))}.sig`)).toBeUndefined();
    expect(unverifiedTokenType(`v1.k1.${textToBase64url(JSON.stringify({ t: 7 }))}.sig`)).toBeUndefined();
    expect(unverifiedTokenType(`v1.k1.${textToBase64url('{not json')}.sig`)).toBeUndefined();
    expect(unverifiedTokenType('v1.k1')).toBeUndefined();
    expect(unverifiedTokenType('plain text')).toBeUndefined();
  });

  it('reads the marker of a parsed payload only when it is a string', () => {
    expect(payloadType({ t: 'paper' })).toBe('paper');
    expect(payloadType({ t: 1 })).toBeUndefined();
    expect(payloadType(null)).toBeUndefined();
    expect(payloadType('t')).toBeUndefined();
  });
});
