/**
 * The server's signing identity: one ECDSA P-256 key pair, made on first start and kept in SQLite,
 * so that codes signed before a restart still verify. The public half is served as a JWK set.
 */
import type { JsonWebKey } from '../../core/crypto/web-crypto.ts';
import type { PublicJwk } from '../../core/contract.ts';
import { keyId } from '../../core/crypto/keys.ts';
import { ecdsa, signToken } from '../../core/crypto/signed-token.ts';
import type { Db } from '../storage/database.ts';

export interface Signer {
  kid: string;
  sign(payload: unknown): Promise<string>;
  publicKeys(): PublicJwk[];
}

interface KeyRow {
  kid: string;
  private_jwk: string;
  public_jwk: string;
}

export async function createSigner(db: Db): Promise<Signer> {
  const rows = db.prepare<[], KeyRow>('SELECT kid, private_jwk, public_jwk FROM signing_keys ORDER BY created_at DESC').all();
  let current = rows[0];
  if (!current) {
    const pair = await crypto.subtle.generateKey(ecdsa, true, ['sign', 'verify']);
    const privateJwk = await crypto.subtle.exportKey('jwk', pair.privateKey);
    const publicJwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
    const kid = await keyId({ kty: 'EC', crv: 'P-256', x: publicJwk.x ?? '', y: publicJwk.y ?? '' });
    current = { kid, private_jwk: JSON.stringify(privateJwk), public_jwk: JSON.stringify(publicJwk) };
    db.prepare('INSERT INTO signing_keys (kid, private_jwk, public_jwk, created_at) VALUES (?, ?, ?, ?)').run(
      kid,
      current.private_jwk,
      current.public_jwk,
      new Date().toISOString(),
    );
    rows.unshift(current);
  }
  const privateKey = await crypto.subtle.importKey('jwk', JSON.parse(current.private_jwk) as JsonWebKey, ecdsa, false, ['sign']);
  const kid = current.kid;
  const published: PublicJwk[] = rows.map((row) => {
    const jwk = JSON.parse(row.public_jwk) as JsonWebKey;
    return { kty: 'EC', crv: 'P-256', x: jwk.x ?? '', y: jwk.y ?? '', kid: row.kid, alg: 'ES256', use: 'sig' };
  });

  return {
    kid,
    sign: (payload) => signToken(privateKey, kid, payload),
    publicKeys: () => published,
  };
}
