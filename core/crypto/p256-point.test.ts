import { describe, expect, it } from 'vitest';
import { compressPoint, decompressPoint } from './p256-point.ts';
import { ecdsa } from './signed-token.ts';

async function rawPublicKey(): Promise<Uint8Array> {
  const pair = await crypto.subtle.generateKey(ecdsa, true, ['sign', 'verify']);
  return new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
}

describe('P-256 point compression', () => {
  it('gives back the very point WebCrypto made, for even and odd y alike', async () => {
    const parities = new Set<number>();
    for (let i = 0; i < 24; i++) {
      const raw = await rawPublicKey();
      const compressed = compressPoint(raw);
      expect(compressed?.length).toBe(33);
      parities.add(compressed?.[0] ?? 0);
      expect(decompressPoint(compressed ?? new Uint8Array())).toEqual(raw);
    }
    expect([...parities].sort()).toEqual([2, 3]);
  });

  it('gives a key WebCrypto imports and that verifies what the private key signed', async () => {
    const pair = await crypto.subtle.generateKey(ecdsa, true, ['sign', 'verify']);
    const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
    const restored = decompressPoint(compressPoint(raw) ?? new Uint8Array()) ?? new Uint8Array();
    const key = await crypto.subtle.importKey('raw', restored, ecdsa, true, ['verify']);
    const data = new TextEncoder().encode('SSM2');
    const signature = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, pair.privateKey, data);
    expect(await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, signature, data)).toBe(true);
  });

  it('refuses an x that is no point of the curve, an x beyond the field, and anything not 33 bytes with 02 or 03', async () => {
    // About half of all x have no y: walk up from x = 0 to the first of them.
    let offCurve: Uint8Array | null = null;
    for (let x = 0; x < 64 && !offCurve; x++) {
      const candidate = new Uint8Array(33);
      candidate[0] = 2;
      candidate[32] = x;
      if (decompressPoint(candidate) === null) offCurve = candidate;
    }
    expect(offCurve).not.toBeNull();
    expect(decompressPoint(new Uint8Array([2, ...new Array<number>(32).fill(0xff)]))).toBeNull();
    const valid = compressPoint(await rawPublicKey()) ?? new Uint8Array();
    expect(decompressPoint(new Uint8Array([4, ...valid.slice(1)]))).toBeNull();
    expect(decompressPoint(valid.slice(0, 32))).toBeNull();
    expect(compressPoint(valid)).toBeNull();
  });
});
