import type { Kysely } from 'kysely';
import type { OtpCodesTable, Schema } from './schema.ts';

/** A one-time code as kept: its hash only, and when it was sent and stops working (ms since the epoch). */
export interface StoredOtpCode {
  phone: string;
  codeHash: string;
  issuedAt: number;
  expiresAt: number;
  attempts: number;
}

const fromRow = (row: OtpCodesTable): StoredOtpCode => ({
  phone: row.phone,
  codeHash: row.code_hash,
  issuedAt: row.issued_at,
  expiresAt: row.expires_at,
  attempts: row.attempts,
});

/** One-time login codes and sessions: hashes and instants only. The rules are services/auth.ts's. */
export function createAuthStore(db: Kysely<Schema>) {
  return {
    async otpCode(phone: string): Promise<StoredOtpCode | undefined> {
      const row = await db.selectFrom('otp_codes').selectAll().where('phone', '=', phone).executeTakeFirst();
      return row && fromRow(row);
    },
    async putOtpCode(code: Omit<StoredOtpCode, 'attempts'>): Promise<void> {
      await db
        .insertInto('otp_codes')
        .values({ phone: code.phone, code_hash: code.codeHash, expires_at: code.expiresAt, issued_at: code.issuedAt, attempts: 0 })
        .onConflict((conflict) =>
          conflict.column('phone').doUpdateSet((eb) => ({
            code_hash: eb.ref('excluded.code_hash'),
            expires_at: eb.ref('excluded.expires_at'),
            issued_at: eb.ref('excluded.issued_at'),
            attempts: 0,
          })),
        )
        .execute();
    },
    /**
     * Counts one attempt at a live code in a single statement, so that guesses sent to several nodes at once
     * cannot all pass the limit; gives the code's hash to compare, or nothing when no attempt is left.
     */
    async claimOtpAttempt(phone: string, maxAttempts: number, now: number): Promise<string | undefined> {
      const row = await db
        .updateTable('otp_codes')
        .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
        .where('phone', '=', phone)
        .where('attempts', '<', maxAttempts)
        .where('expires_at', '>', now)
        .returning('code_hash')
        .executeTakeFirst();
      return row?.code_hash;
    },
    /** Uses the code up; true for the one request that did, so a code logs in once however many race. */
    async deleteOtpCode(phone: string, codeHash: string): Promise<boolean> {
      const result = await db.deleteFrom('otp_codes').where('phone', '=', phone).where('code_hash', '=', codeHash).executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
    async putSession(tokenHash: string, citizenId: string, expiresAt: number): Promise<void> {
      await db.insertInto('sessions').values({ token_hash: tokenHash, citizen_id: citizenId, expires_at: expiresAt }).execute();
    },
    async citizenForSession(tokenHash: string, now: number): Promise<string | undefined> {
      const row = await db
        .selectFrom('sessions')
        .select('citizen_id')
        .where('token_hash', '=', tokenHash)
        .where('expires_at', '>', now)
        .executeTakeFirst();
      return row?.citizen_id;
    },
    async deleteSession(tokenHash: string): Promise<void> {
      await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
    },
    async deleteExpiredOtpCodes(now: number): Promise<void> {
      await db.deleteFrom('otp_codes').where('expires_at', '<=', now).execute();
    },
    async deleteExpiredSessions(now: number): Promise<void> {
      await db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
    },
  };
}

export type AuthStore = ReturnType<typeof createAuthStore>;
