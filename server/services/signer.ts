/**
 * The server's signing identity: one ECDSA P-256 key pair, made on first start and kept in the database,
 * so that codes signed before a restart, or by another node, still verify. Every node over one database
 * signs with the same newest key; the public halves are served as a JWK set.
 */
import type { PublicJwk } from '../../core/contract.ts';
import { keyId, keyLookupFromSet } from '../../core/crypto/keys.ts';
import { ecdsa, signToken, verifyToken } from '../../core/crypto/signed-token.ts';
import type { JsonWebKey } from '../../core/crypto/web-crypto.ts';
import type { Stores } from '../storage/storage.ts';

export interface Signer {
  kid: string;
  sign(payload: unknown): Promise<string>;
  /** The payload of a token this server signed, or undefined for anything else (forged, foreign, cut short). */
  verify(token: string): Promise<unknown>;
  publicKeys(): PublicJwk[];
}

async function newKey() {
  const pair = await crypto.subtle.generateKey(ecdsa, true, ['sign', 'verify']);
  const privateJwk = await crypto.subtle.exportKey('jwk', pair.privateKey);
  const publicJwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
  const kid = await keyId({ kty: 'EC', crv: 'P-256', x: publicJwk.x ?? '', y: publicJwk.y ?? '' });
  return { kid, private_jwk: JSON.stringify(privateJwk), public_jwk: JSON.stringify(publicJwk) };
}

export async function createSigner(signingKeys: Stores['signingKeys']): Promise<Signer> {
  const rows = await signingKeys.ensure(newKey);
  const [current] = rows;
  if (!current) throw new Error('no signing key after ensure');
  const privateKey = await crypto.subtle.importKey('jwk', JSON.parse(current.private_jwk) as JsonWebKey, ecdsa, false, ['sign']);
  const published: PublicJwk[] = rows.map((row) => {
    const jwk = JSON.parse(row.public_jwk) as JsonWebKey;
    return { kty: 'EC', crv: 'P-256', x: jwk.x ?? '', y: jwk.y ?? '', kid: row.kid, alg: 'ES256', use: 'sig' };
  });
  const lookup = await keyLookupFromSet(published);

  return {
    kid: current.kid,
    sign: (payload) => signToken(privateKey, current.kid, payload),
    async verify(token) {
      const verified = await verifyToken(token, lookup);
      return verified.ok ? verified.payload : undefined;
    },
    publicKeys: () => published,
  };
}
