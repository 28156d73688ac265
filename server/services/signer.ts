/**
 * The server's signing identity: one ECDSA P-256 key pair, made on first start and kept in the database,
 * so that codes signed before a restart, or by another node, still verify. Every node over one database
 * signs with the same newest key; the public halves are served as a JWK set.
 *
 * With SIGNING_KEY_SECRET set, the private key is stored sealed: AES-256-GCM under a key derived from the
 * secret with HKDF-SHA-256, so a copy of the database (a backup, a replica, a read-only login) cannot sign
 * codes. Every node is given the same secret; one with a missing or wrong secret refuses to start.
 *
 * `npm run admin -- keys rotate` retires the signing key and adds a new one. Every node picks the change up
 * within a minute (`refresh`) and signs with the new key; the retired one stays published (every key in the
 * database is) until nothing it signed can still be shown, and house-keeping then deletes it. Private keys
 * are never printed or logged.
 */
import type { PublicJwk } from '../../core/contract/codes.ts';
import { keyId, keyLookupFromSet } from '../../core/crypto/keys.ts';
import { ecdsa, signToken, verifyToken, type KeyLookup } from '../../core/crypto/signed-token.ts';
import { signCompactCredential, signCompactPaperCode } from '../../core/crypto/compact-code.ts';
import type { CredentialClaims, PaperClaims } from '../../core/crypto/health-code.ts';
import { base64urlToBytes, bytesToBase64url } from '../../core/crypto/base64url.ts';
import type { CryptoKey, JsonWebKey } from '../../core/crypto/web-crypto.ts';
import type { NewSigningKey, StoredSigningKey } from '../storage/signing-keys.ts';
import type { Stores } from '../storage/storage.ts';
import { maxCredentialLifetimeMs, paperCodeLifetimeMs } from './credential-claims.ts';

export interface Signer {
  /** The key that signs now; changes when a rotation is picked up. */
  readonly kid: string;
  sign(payload: unknown): Promise<string>;
  /** The same claims in the compact (SSM2) form: a credential for the phone to present, a paper code's QR text. */
  signCompact(claims: CredentialClaims): Promise<string>;
  signCompactPaper(claims: PaperClaims): Promise<string>;
  /** The payload of a token this server signed, or undefined for anything else (forged, foreign, cut short). */
  verify(token: string): Promise<unknown>;
  publicKeys(): PublicJwk[];
  /** The published keys (retired ones still published too) by kid, for reading codes this server signed. */
  lookup: KeyLookup;
  /** Reads the key set again, so that a rotation made elsewhere (the admin tool, another node) takes effect. */
  refresh(): Promise<void>;
}

/**
 * How long a retired key stays published at least: the longest a code it signed stays valid (a printed
 * paper code; a live credential lasts a day). Venue posters never expire: a key that signed one still on
 * record stays published as long as that venue does (storage/signing-keys.ts `deleteRetiredBefore`).
 */
export const retiredKeyPublishedMs = Math.max(maxCredentialLifetimeMs, paperCodeLifetimeMs);

const sealedPrefix = 'sealed:v1:';

/** The AES-GCM key that seals private keys, derived from the deployment's secret. */
async function sealingKey(secret: string): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: new TextEncoder().encode('suishen-signing-key'), info: new Uint8Array() },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

async function seal(jwk: string, key: CryptoKey | undefined): Promise<string> {
  if (!key) return jwk;
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, new TextEncoder().encode(jwk));
  return `${sealedPrefix}${bytesToBase64url(iv)}:${bytesToBase64url(new Uint8Array(sealed))}`;
}

async function unseal(stored: string, key: CryptoKey | undefined): Promise<string> {
  if (!stored.startsWith(sealedPrefix)) return stored;
  if (!key) throw new Error('The signing key in the database is sealed: set SIGNING_KEY_SECRET to the secret the other nodes use.');
  const [iv = '', data = ''] = stored.slice(sealedPrefix.length).split(':');
  const ivBytes = base64urlToBytes(iv);
  const dataBytes = base64urlToBytes(data);
  const opened = ivBytes && dataBytes && (await crypto.subtle.decrypt({ name: 'AES-GCM', iv: ivBytes }, key, dataBytes).catch(() => null));
  if (!opened) throw new Error('SIGNING_KEY_SECRET does not open the signing key in the database: give every node the same secret.');
  return new TextDecoder().decode(opened);
}

async function makeKey(sealWith: CryptoKey | undefined): Promise<NewSigningKey> {
  const pair = await crypto.subtle.generateKey(ecdsa, true, ['sign', 'verify']);
  const privateJwk = await crypto.subtle.exportKey('jwk', pair.privateKey);
  const publicJwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
  const kid = await keyId({ kty: 'EC', crv: 'P-256', x: publicJwk.x ?? '', y: publicJwk.y ?? '' });
  return { kid, privateJwk: await seal(JSON.stringify(privateJwk), sealWith), publicJwk: JSON.stringify(publicJwk) };
}

/** Retires the signing key and makes a new one, sealed like the rest; gives the new key's id. */
export async function rotateSigningKey(signingKeys: Stores['signingKeys'], secret?: string, now = new Date()): Promise<string> {
  const sealWith = secret ? await sealingKey(secret) : undefined;
  // Refuse before adding a key that the nodes could not open.
  const [current] = await signingKeys.all();
  if (current) await unseal(current.privateJwk, sealWith);
  const key = await makeKey(sealWith);
  await signingKeys.rotate(key, now);
  return key.kid;
}

function toPublicJwk(row: StoredSigningKey): PublicJwk {
  const jwk = JSON.parse(row.publicJwk) as JsonWebKey;
  return { kty: 'EC', crv: 'P-256', x: jwk.x ?? '', y: jwk.y ?? '', kid: row.kid, alg: 'ES256', use: 'sig' };
}

export async function createSigner(signingKeys: Stores['signingKeys'], secret?: string): Promise<Signer> {
  const sealWith = secret ? await sealingKey(secret) : undefined;
  // Every check-in at a venue carries that venue's same token, so its signature is checked once and
  // remembered; a token is immutable, and the memory is cleared whenever the published key set changes.
  const verified = new Map<string, unknown>();
  const maxRemembered = 10_000;

  async function load(rows: StoredSigningKey[]) {
    const current = rows.find((row) => row.retiredAt === null) ?? rows[0];
    if (!current) throw new Error('no signing key after ensure');
    const privateJwk = JSON.parse(await unseal(current.privateJwk, sealWith)) as JsonWebKey;
    const published = rows.map(toPublicJwk);
    return {
      kid: current.kid,
      privateKey: await crypto.subtle.importKey('jwk', privateJwk, ecdsa, false, ['sign']),
      published,
      lookup: await keyLookupFromSet(published),
      fingerprint: published.map((key) => key.kid).join(','),
    };
  }

  let keys = await load(await signingKeys.ensure(() => makeKey(sealWith)));

  return {
    get kid() {
      return keys.kid;
    },
    sign: (payload) => signToken(keys.privateKey, keys.kid, payload),
    signCompact: (claims) => signCompactCredential(keys.privateKey, keys.kid, claims),
    signCompactPaper: (claims) => signCompactPaperCode(keys.privateKey, keys.kid, claims),
    async verify(token) {
      if (verified.has(token)) return verified.get(token);
      const result = await verifyToken(token, keys.lookup);
      if (!result.ok) return undefined;
      if (verified.size >= maxRemembered) verified.delete(verified.keys().next().value ?? '');
      verified.set(token, result.payload);
      return result.payload;
    },
    publicKeys: () => keys.published,
    lookup: (kid) => keys.lookup(kid),
    async refresh() {
      const next = await load(await signingKeys.all());
      if (next.fingerprint !== keys.fingerprint) verified.clear();
      keys = next;
    },
  };
}
