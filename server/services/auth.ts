/**
 * Login codes and sessions: the rules. A code is six digits, lives five minutes and allows five tries;
 * outside demo mode a phone gets one text per half minute, and the daily limits of login-limits.ts hold
 * across codes. Only hashes are stored, so a copy of the database logs no one in. Everything is in the
 * database, so any node can answer any step.
 *
 * A number nobody registered gets a code too, stored like any other but never sent: every later answer
 * (wrong, expired, too many tries, locked) is then the same as for a registered number.
 */
import { randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { HttpError } from '../http/errors.ts';
import type { AuthStore } from '../storage/auth.ts';
import type { LoginLimitsService } from './login-limits.ts';
import { CodeNotSent, type CodePurpose, type CodeSender } from './code-sender.ts';
import { sha256Hex } from './sha256.ts';

export const otpLifetimeMs = 5 * 60 * 1000;
const maxOtpAttempts = 5;
const sessionLifetimeMs = 30 * 24 * 60 * 60 * 1000;

type OtpCheck = 'ok' | 'invalid' | 'expired' | 'too_many_attempts';

export interface SentCode {
  expiresInSeconds: number;
  /** The code itself, in demo mode only, where there is no SMS gateway to send it. */
  demoCode?: string;
}

/**
 * A code is good only for what it was sent for: the purpose is part of its hash, so a login code cannot
 * delete an account, nor a 亲友码 linking code log the relative in.
 */
function otpHash(phone: string, purpose: CodePurpose, code: string): string {
  return sha256Hex(`${purpose}:${phone}:${code}`);
}

export function createAuthService(
  store: AuthStore,
  options: { demo: boolean; sender: CodeSender; limits: LoginLimitsService },
  now: () => number = Date.now,
) {
  async function checkOtp(phone: string, code: string, purpose: CodePurpose): Promise<OtpCheck> {
    const codeHash = await store.claimOtpAttempt(phone, maxOtpAttempts, now());
    if (codeHash === undefined) {
      const row = await store.otpCode(phone);
      if (!row) return 'invalid';
      return row.expiresAt <= now() ? 'expired' : 'too_many_attempts';
    }
    const matches = timingSafeEqual(Buffer.from(codeHash), Buffer.from(otpHash(phone, purpose, code)));
    return matches && (await store.deleteOtpCode(phone, codeHash)) ? 'ok' : 'invalid';
  }

  return {
    /**
     * Makes a new code for the phone (the old one stops working) and sends it, unless one was sent too
     * recently or the phone has had its codes. A code that could not be sent is deleted again, so none is
     * left that nobody received. With `deliver` false (a number nobody registered) the code is stored and
     * counted but goes nowhere, and the answer is the one a delivered code gets outside demo mode.
     */
    async sendOtp(phone: string, purpose: CodePurpose, { deliver = true }: { deliver?: boolean } = {}): Promise<SentCode> {
      // Each text costs money and invites guessing.
      const gapMs = options.limits.resendGapMs;
      const row = gapMs > 0 ? await store.otpCode(phone) : undefined;
      const wait = row ? Math.ceil((row.issuedAt + gapMs - now()) / 1000) : 0;
      if (wait > 0) throw new HttpError(429, 'rate_limited', `Wait ${wait} s before asking for another code.`, { retryAfterSeconds: wait });
      await options.limits.codeFor(phone);
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      const codeHash = otpHash(phone, purpose, code);
      await store.putOtpCode({ phone, codeHash, expiresAt: now() + otpLifetimeMs, issuedAt: now() });
      const expiresInSeconds = otpLifetimeMs / 1000;
      if (!deliver) return { expiresInSeconds };
      try {
        return { expiresInSeconds, ...(await options.sender.send({ phone, code, expiresInSeconds, purpose })) };
      } catch (error) {
        await store.deleteOtpCode(phone, codeHash);
        if (!(error instanceof CodeNotSent)) throw error;
        console.warn(`login code not sent (${purpose}): ${error.message}`);
        throw new HttpError(502, 'sms_failed', 'The text message with the code could not be sent; try again later.');
      }
    },
    /** Uses up the phone's code if `code` is it, sent for `purpose`; otherwise says why not, as the API answers it. */
    async confirmOtp(phone: string, code: string, purpose: CodePurpose): Promise<void> {
      const giveBack = await options.limits.guess(phone);
      const check = await checkOtp(phone, code, purpose);
      // Only a wrong code counts against the day; a right one, or one never compared, gives its guess back.
      if (check !== 'invalid') await giveBack();
      if (check === 'expired') throw new HttpError(401, 'otp_expired', 'The code has expired; ask for a new one.');
      if (check === 'too_many_attempts') throw new HttpError(429, 'too_many_attempts', 'Too many wrong codes; ask for a new one.');
      if (check !== 'ok') throw new HttpError(401, 'otp_invalid', 'The code is not right.');
    },
    async startSession(citizenId: string): Promise<{ token: string; maxAgeSeconds: number }> {
      const token = randomBytes(32).toString('base64url');
      await store.putSession(sha256Hex(token), citizenId, now() + sessionLifetimeMs);
      return { token, maxAgeSeconds: sessionLifetimeMs / 1000 };
    },
    citizenForSession: (token: string): Promise<string | undefined> => store.citizenForSession(sha256Hex(token), now()),
    endSession: (token: string): Promise<void> => store.deleteSession(sha256Hex(token)),
    /** Sessions, codes and login counters whose time is over. */
    async deleteExpired(): Promise<void> {
      await store.deleteExpiredSessions(now());
      await store.deleteExpiredOtpCodes(now());
      await options.limits.forgetEnded();
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
