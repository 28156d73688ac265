/**
 * Operators sign in in two steps (docs/authority.md): the login code to their phone (the citizens' code
 * machinery, under its own purpose), then a passkey. The code alone opens only a 5-minute half-way session
 * holding the WebAuthn challenge; on the first sign-in that step registers the operator's passkey, after
 * that it requires it. Passkeys are checked by @simplewebauthn/server; sessions keep only token hashes.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type { Operator } from '../../core/contract/console.ts';
import { HttpError } from '../http/errors.ts';
import type { OperatorRow, OperatorStore } from '../storage/operators.ts';
import type { AuthService, SentCode } from './auth.ts';
import { maskPhone } from './masking.ts';
import { sha256Hex } from './sha256.ts';

const halfWayMs = 5 * 60 * 1000;
/** A working day: an operator's console is not left signed in overnight. */
const sessionMs = 8 * 60 * 60 * 1000;
const rpName = '随申码 · 卫健委';

export function operatorView(row: OperatorRow): Operator {
  return { id: row.id, name: row.name, maskedPhone: maskPhone(row.phone), role: row.role, district: row.district };
}

/** The one refusal for a passkey step that is over, wrong or not this operator's: nothing tells them apart. */
const passkeyRefused = () => new HttpError(401, 'passkey_invalid', 'The passkey was not accepted; sign in again with a new code.');

/** Where passkeys are bound: the configured origin, else the one the request came to (rpID is its host name). */
export interface RelyingParty {
  origin: string;
  rpID: string;
}

export function createOperatorAuth(
  deps: {
    store: OperatorStore;
    auth: AuthService;
    /** Demo mode: its operators make a new passkey at every sign-in (services/demo-operators.ts). */
    freshPasskeyFor?: (operator: OperatorRow) => boolean;
    audit: (operator: OperatorRow, action: 'operator.sign-in' | 'operator.passkey-registered', target: string) => Promise<void>;
  },
  now: () => number = Date.now,
) {
  const { store, auth } = deps;
  const freshPasskey = deps.freshPasskeyFor ?? (() => false);

  async function startSession(operatorId: string, stage: 'passkey' | 'full', challenge: string | null): Promise<{ token: string; maxAgeSeconds: number }> {
    const token = randomBytes(32).toString('base64url');
    const lifetime = stage === 'full' ? sessionMs : halfWayMs;
    await store.putSession({ tokenHash: sha256Hex(token), operatorId, stage, challenge, expiresAt: now() + lifetime });
    return { token, maxAgeSeconds: lifetime / 1000 };
  }

  /** The half-way session's operator and challenge, used up: a challenge answers once, right or wrong. */
  async function takeHalfWay(token: string | undefined): Promise<{ operator: OperatorRow; challenge: string }> {
    const session = token ? await store.session(sha256Hex(token), now()) : undefined;
    if (!token || !session || session.stage !== 'passkey' || !session.challenge || !(await store.takeSession(sha256Hex(token)))) throw passkeyRefused();
    const operator = await store.byId(session.operatorId);
    if (!operator) throw passkeyRefused();
    return { operator, challenge: session.challenge };
  }

  return {
    /** A code for an operator's phone; a phone that is no operator's gets the same answer and no code. */
    async sendCode(phone: string): Promise<SentCode> {
      const operator = await store.byPhone(phone);
      return auth.sendOtp(phone, 'operator-login', { deliver: operator !== undefined });
    },
    /** Checks the code and opens the passkey step: creation options on the first sign-in, request options after. */
    async verifyCode(phone: string, code: string, rp: RelyingParty) {
      await auth.confirmOtp(phone, code, 'operator-login');
      const operator = await store.byPhone(phone);
      if (!operator) throw new HttpError(401, 'otp_invalid', 'The code is not right.');
      const passkeys = await store.passkeysOf(operator.id);
      const register = passkeys.length === 0 || freshPasskey(operator);
      const options = register
          ? await generateRegistrationOptions({
              rpName,
              rpID: rp.rpID,
              userName: operator.phone,
              userDisplayName: operator.name,
              userID: new TextEncoder().encode(operator.id),
              attestationType: 'none',
              authenticatorSelection: { residentKey: 'preferred', userVerification: 'required' },
            })
          : await generateAuthenticationOptions({
              rpID: rp.rpID,
              allowCredentials: passkeys.map((passkey) => ({ id: passkey.id, transports: passkey.transports })),
              userVerification: 'required',
            });
      const session = await startSession(operator.id, 'passkey', options.challenge);
      return { next: register ? ('register' as const) : ('authenticate' as const), options, session };
    },
    /** The first passkey, made in the half-way step; refused once the operator has one (a code must never add a second). */
    async register(token: string | undefined, response: unknown, rp: RelyingParty) {
      const { operator, challenge } = await takeHalfWay(token);
      if ((await store.passkeysOf(operator.id)).length > 0 && !freshPasskey(operator)) throw passkeyRefused();
      const verified = await verifyRegistrationResponse({
        // The library checks every field of the response; a malformed one throws, and is refused below.
        response: response as RegistrationResponseJSON,
        expectedChallenge: challenge,
        expectedOrigin: rp.origin,
        expectedRPID: rp.rpID,
        requireUserVerification: true,
      }).catch(() => ({ verified: false as const }));
      if (!verified.verified) throw passkeyRefused();
      const { credential } = verified.registrationInfo;
      await store.addPasskey({
        id: credential.id,
        operatorId: operator.id,
        publicKey: credential.publicKey,
        counter: credential.counter,
        transports: credential.transports ?? [],
        createdAt: new Date(now()).toISOString(),
      });
      await deps.audit(operator, 'operator.passkey-registered', credential.id);
      await deps.audit(operator, 'operator.sign-in', operator.id);
      return { operator, session: await startSession(operator.id, 'full', null) };
    },
    async authenticate(token: string | undefined, response: unknown, rp: RelyingParty) {
      const { operator, challenge } = await takeHalfWay(token);
      const answer = response as AuthenticationResponseJSON;
      const passkey = (await store.passkeysOf(operator.id)).find((candidate) => candidate.id === answer.id);
      if (!passkey) throw passkeyRefused();
      const verified = await verifyAuthenticationResponse({
        response: answer,
        expectedChallenge: challenge,
        expectedOrigin: rp.origin,
        expectedRPID: rp.rpID,
        credential: { id: passkey.id, publicKey: passkey.publicKey, counter: passkey.counter, transports: passkey.transports },
        requireUserVerification: true,
      }).catch(() => ({ verified: false as const, authenticationInfo: undefined }));
      if (!verified.verified) throw passkeyRefused();
      await store.usePasskey(passkey.id, verified.authenticationInfo.newCounter, new Date(now()).toISOString());
      await deps.audit(operator, 'operator.sign-in', operator.id);
      return { operator, session: await startSession(operator.id, 'full', null) };
    },
    /** The operator a full session stands for; undefined for none, an expired one or a half-way one. */
    async operatorFor(token: string | undefined): Promise<OperatorRow | undefined> {
      const session = token ? await store.session(sha256Hex(token), now()) : undefined;
      if (!session || session.stage !== 'full') return undefined;
      return store.byId(session.operatorId);
    },
    async endSession(token: string): Promise<void> {
      await store.takeSession(sha256Hex(token));
    },
    /** An operator added by `npm run admin -- operator add`; refuses a phone that is an operator's already. */
    async add(operator: Omit<OperatorRow, 'id'>): Promise<OperatorRow> {
      const row = { ...operator, id: randomUUID() };
      if (!(await store.add({ ...row, createdAt: new Date(now()).toISOString() }))) throw new HttpError(409, 'bad_request', `phone ${operator.phone} is an operator's already`);
      return row;
    },
  };
}

export type OperatorAuth = ReturnType<typeof createOperatorAuth>;
