/**
 * An operator signing in over real HTTP, for server tests and e2e setup (no vitest here, so Playwright can
 * use it too): the login code, then a passkey from a software authenticator that builds the same
 * attestation ('none') and assertions a browser's platform authenticator sends, signed with a real P-256
 * key, so @simplewebauthn/server checks them exactly as it checks a browser's.
 */
import { createHash, randomBytes } from 'node:crypto';
import { isoCBOR } from '@simplewebauthn/server/helpers';
import { endpoints } from '../../core/contract/endpoints.ts';
import type { CryptoKeyPair } from '../../core/crypto/web-crypto.ts';

const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
const sha256 = (bytes: Uint8Array | string) => new Uint8Array(createHash('sha256').update(bytes).digest());

/** A passkey held by the software authenticator: the credential id and its key pair. */
export interface SoftPasskey {
  id: Uint8Array;
  keys: CryptoKeyPair;
  counter: number;
}

export async function softPasskey(): Promise<SoftPasskey> {
  const keys = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
  return { id: new Uint8Array(randomBytes(16)), keys, counter: 0 };
}

/** WebCrypto signs ECDSA as r‖s; WebAuthn's ES256 wants the DER SEQUENCE of two INTEGERs. */
function derSignature(raw: Uint8Array): Uint8Array {
  const integer = (bytes: Uint8Array) => {
    let start = 0;
    while (start < bytes.length - 1 && bytes[start] === 0) start += 1;
    const trimmed = bytes.slice(start);
    const padded = (trimmed[0] ?? 0) & 0x80 ? Uint8Array.of(0, ...trimmed) : trimmed;
    return Uint8Array.of(0x02, padded.length, ...padded);
  };
  const r = integer(raw.slice(0, 32));
  const s = integer(raw.slice(32));
  return Uint8Array.of(0x30, r.length + s.length, ...r, ...s);
}

function clientData(type: 'webauthn.create' | 'webauthn.get', challenge: string, origin: string): Uint8Array {
  return new TextEncoder().encode(JSON.stringify({ type, challenge, origin, crossOrigin: false }));
}

function authenticatorData(rpId: string, flags: number, counter: number, attested?: Uint8Array): Uint8Array {
  const head = new Uint8Array(37);
  head.set(sha256(rpId), 0);
  head[32] = flags;
  new DataView(head.buffer).setUint32(33, counter);
  return attested ? Uint8Array.of(...head, ...attested) : head;
}

/** What navigator.credentials.create answers, as @simplewebauthn/browser's RegistrationResponseJSON. */
export async function attest(passkey: SoftPasskey, options: { challenge: string; rp: { id?: string } }, origin: string): Promise<Record<string, unknown>> {
  const rpId = options.rp.id ?? new URL(origin).hostname;
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', passkey.keys.publicKey));
  const cose = isoCBOR.encode(
    new Map<number, number | Uint8Array>([
      [1, 2],
      [3, -7],
      [-1, 1],
      [-2, raw.slice(1, 33)],
      [-3, raw.slice(33, 65)],
    ]),
  );
  const idLength = Uint8Array.of(passkey.id.length >> 8, passkey.id.length & 0xff);
  const attested = Uint8Array.of(...new Uint8Array(16), ...idLength, ...passkey.id, ...cose);
  // Flags: user present (0x01), user verified (0x04), attested credential data (0x40).
  const authData = authenticatorData(rpId, 0x45, passkey.counter, attested);
  const attestationObject = isoCBOR.encode(
    new Map<string, string | Map<string, never> | Uint8Array>([
      ['fmt', 'none'],
      ['attStmt', new Map<string, never>()],
      ['authData', authData],
    ]),
  );
  const id = b64url(passkey.id);
  return {
    id,
    rawId: id,
    type: 'public-key',
    response: { clientDataJSON: b64url(clientData('webauthn.create', options.challenge, origin)), attestationObject: b64url(attestationObject), transports: ['internal'] },
    clientExtensionResults: {},
  };
}

/** What navigator.credentials.get answers, as AuthenticationResponseJSON; the counter goes up by one. */
export async function assert(passkey: SoftPasskey, options: { challenge: string; rpId?: string }, origin: string): Promise<Record<string, unknown>> {
  passkey.counter += 1;
  const authData = authenticatorData(options.rpId ?? new URL(origin).hostname, 0x05, passkey.counter);
  const client = clientData('webauthn.get', options.challenge, origin);
  const signed = Uint8Array.of(...authData, ...sha256(client));
  const raw = new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, passkey.keys.privateKey, signed));
  const id = b64url(passkey.id);
  return {
    id,
    rawId: id,
    type: 'public-key',
    response: { clientDataJSON: b64url(client), authenticatorData: b64url(authData), signature: b64url(derSignature(raw)) },
    clientExtensionResults: {},
  };
}

function post(baseUrl: string, path: string, body: unknown, cookie?: string): Promise<Response> {
  return fetch(`${baseUrl}/api${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });
}

const cookieOf = (response: Response) => response.headers.getSetCookie().find((cookie) => cookie.startsWith('sw_operator='))?.split(';')[0];

/** The half-way step: the code (demo mode shows it) checked, the cookie and the passkey options it opened. */
export async function operatorCodeStep(baseUrl: string, phone: string) {
  const sent = endpoints.operatorCode.response.parse(await (await post(baseUrl, '/operator/auth/code', { phone })).json());
  const verified = await post(baseUrl, '/operator/auth/verify', { phone, code: sent.demoCode });
  if (verified.status !== 200) throw new Error(`operator code refused for ${phone}: ${verified.status} ${await verified.text()}`);
  const cookie = cookieOf(verified);
  if (!cookie) throw new Error('no operator cookie after the code');
  return { cookie, ...endpoints.operatorVerify.response.parse(await verified.json()) };
}

/** Signs an operator in (demo mode: the code comes back) with `passkey`, registering it on the first sign-in; gives the session cookie. */
export async function operatorCookie(baseUrl: string, phone: string, passkey: SoftPasskey): Promise<string> {
  const origin = new URL(baseUrl).origin;
  const step = await operatorCodeStep(baseUrl, phone);
  const options = step.options as { challenge: string; rp: { id?: string }; rpId?: string };
  const response = step.next === 'register' ? await attest(passkey, options, origin) : await assert(passkey, options, origin);
  const done = await post(baseUrl, `/operator/auth/passkey/${step.next === 'register' ? 'register' : 'authenticate'}`, { response }, step.cookie);
  const cookie = cookieOf(done);
  if (done.status !== 200 || !cookie) throw new Error(`passkey refused for ${phone}: ${done.status} ${await done.text()}`);
  return cookie;
}

/** Demo mode's city administrator (services/demo-operators.ts), who may act in every district. */
export const demoCityAdminPhone = '13900000009';
export const demoDistrictOperator = { phone: '13900000001', district: '静安区' } as const;

/** Decides a venue as the demo city administrator (or the operator of `cookie`), through the console's API. */
async function decideVenue(baseUrl: string, number: string, body: { decision: 'approve' | 'refuse'; note?: string }, cookie?: string): Promise<void> {
  const session = cookie ?? (await operatorCookie(baseUrl, demoCityAdminPhone, await softPasskey()));
  const response = await post(baseUrl, `/operator/venues/${number}`, body, session);
  if (response.status !== 200) throw new Error(`venue ${number} not decided (${body.decision}): ${response.status} ${await response.text()}`);
}

export const approveVenue = (baseUrl: string, number: string, cookie?: string): Promise<void> => decideVenue(baseUrl, number, { decision: 'approve' }, cookie);

/** Refuses a venue with the reason its owner is to read. */
export const refuseVenue = (baseUrl: string, number: string, reason: string, cookie?: string): Promise<void> =>
  decideVenue(baseUrl, number, { decision: 'refuse', note: reason }, cookie);

/** Licenses a kiosk as the demo city administrator; `typedIdAllowed` lets staff type ID numbers at it. */
export async function licenseKiosk(baseUrl: string, kioskId: string, options: { typedIdAllowed?: boolean; cookie?: string } = {}): Promise<void> {
  const session = options.cookie ?? (await operatorCookie(baseUrl, demoCityAdminPhone, await softPasskey()));
  const response = await post(baseUrl, `/operator/kiosks/${kioskId}`, { action: 'license', typedIdAllowed: options.typedIdAllowed ?? false }, session);
  if (response.status !== 200) throw new Error(`kiosk ${kioskId} not licensed: ${response.status} ${await response.text()}`);
}
