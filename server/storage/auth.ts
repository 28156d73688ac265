import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { Db } from './database.ts';

const otpLifetimeMs = 5 * 60 * 1000;
const maxOtpAttempts = 5;
/** Outside demo mode a phone gets one text per half minute: each costs money and invites guessing. */
const otpResendGapMs = 30 * 1000;
const sessionLifetimeMs = 30 * 24 * 60 * 60 * 1000;

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export type OtpCheck = 'ok' | 'invalid' | 'expired' | 'too_many_attempts';

/** One-time login codes and sessions. Only hashes are stored: a copy of the database logs no one in. */
export function createAuthStore(db: Db, now: () => number = Date.now) {
  const putOtp = db.prepare(
    `INSERT INTO otp_codes (phone, code_hash, expires_at, attempts, issued_at) VALUES (?, ?, ?, 0, ?)
     ON CONFLICT(phone) DO UPDATE SET code_hash = excluded.code_hash, expires_at = excluded.expires_at,
       attempts = 0, issued_at = excluded.issued_at`,
  );
  const getOtp = db.prepare<[string], { code_hash: string; expires_at: number; attempts: number; issued_at: number }>(
    'SELECT code_hash, expires_at, attempts, issued_at FROM otp_codes WHERE phone = ?',
  );
  const countAttempt = db.prepare('UPDATE otp_codes SET attempts = attempts + 1 WHERE phone = ?');
  const deleteOtp = db.prepare('DELETE FROM otp_codes WHERE phone = ?');
  const putSession = db.prepare('INSERT INTO sessions (token_hash, citizen_id, expires_at) VALUES (?, ?, ?)');
  const getSession = db.prepare<[string, number], { citizen_id: string }>(
    'SELECT citizen_id FROM sessions WHERE token_hash = ? AND expires_at > ?',
  );
  const deleteSession = db.prepare('DELETE FROM sessions WHERE token_hash = ?');
  const deleteExpired = db.prepare('DELETE FROM sessions WHERE expires_at <= ?');

  return {
    otpLifetimeSeconds: otpLifetimeMs / 1000,
    /** Seconds until this phone may be sent another code; 0 when it may now. */
    otpCooldownSeconds(phone: string): number {
      const row = getOtp.get(phone);
      return row ? Math.max(0, Math.ceil((row.issued_at + otpResendGapMs - now()) / 1000)) : 0;
    },
    issueOtp(phone: string): string {
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      putOtp.run(phone, sha256(`${phone}:${code}`), now() + otpLifetimeMs, now());
      return code;
    },
    checkOtp(phone: string, code: string): OtpCheck {
      const row = getOtp.get(phone);
      if (!row) return 'invalid';
      if (row.expires_at <= now()) return 'expired';
      if (row.attempts >= maxOtpAttempts) return 'too_many_attempts';
      const matches = timingSafeEqual(Buffer.from(row.code_hash), Buffer.from(sha256(`${phone}:${code}`)));
      if (!matches) {
        countAttempt.run(phone);
        return 'invalid';
      }
      deleteOtp.run(phone);
      return 'ok';
    },
    startSession(citizenId: string): { token: string; maxAgeSeconds: number } {
      deleteExpired.run(now());
      const token = randomBytes(32).toString('base64url');
      putSession.run(sha256(token), citizenId, now() + sessionLifetimeMs);
      return { token, maxAgeSeconds: sessionLifetimeMs / 1000 };
    },
    citizenForSession(token: string): string | undefined {
      return getSession.get(sha256(token), now())?.citizen_id;
    },
    endSession(token: string): void {
      deleteSession.run(sha256(token));
    },
  };
}

export type AuthStore = ReturnType<typeof createAuthStore>;
