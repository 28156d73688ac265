/**
 * The authority's tables (0012-authority): operators, their passkeys, their two-stage sessions, and the
 * append-only audit. Only hashes of session tokens are kept, as for citizens' sessions.
 */
import type { Kysely } from 'kysely';
import type { AuditEntry, OperatorRole } from '../../core/contract/console.ts';
import type { OperatorAuditTable, OperatorsTable, Schema } from './schema.ts';

export interface OperatorRow {
  id: string;
  phone: string;
  name: string;
  role: OperatorRole;
  district: string | null;
}

export interface StoredPasskey {
  id: string;
  operatorId: string;
  publicKey: Uint8Array<ArrayBuffer>;
  counter: number;
  transports: string[];
}

function toOperatorRow(row: Pick<OperatorsTable, 'id' | 'phone' | 'name' | 'role' | 'district'>): OperatorRow {
  return { id: row.id, phone: row.phone, name: row.name, role: row.role, district: row.district };
}

function toAuditEntry(row: OperatorAuditTable): AuditEntry {
  return {
    id: row.id,
    at: row.at,
    operatorId: row.operator_id,
    operatorName: row.operator_name,
    action: row.action as AuditEntry['action'],
    target: row.target,
    detail: row.detail,
  };
}

export function createOperatorStore(db: Kysely<Schema>) {
  const operators = () => db.selectFrom('operators').select(['id', 'phone', 'name', 'role', 'district']);
  return {
    /** Adds the operator; false when the phone already belongs to one. */
    async add(operator: OperatorRow & { createdAt: string }): Promise<boolean> {
      const row = await db
        .insertInto('operators')
        .values({ id: operator.id, phone: operator.phone, name: operator.name, role: operator.role, district: operator.district, created_at: operator.createdAt })
        .onConflict((conflict) => conflict.column('phone').doNothing())
        .returning('id')
        .executeTakeFirst();
      return row !== undefined;
    },
    async byPhone(phone: string): Promise<OperatorRow | undefined> {
      const row = await operators().where('phone', '=', phone).executeTakeFirst();
      return row && toOperatorRow(row);
    },
    async byId(id: string): Promise<OperatorRow | undefined> {
      const row = await operators().where('id', '=', id).executeTakeFirst();
      return row && toOperatorRow(row);
    },
    async all(): Promise<OperatorRow[]> {
      return (await operators().orderBy('created_at').orderBy('id').execute()).map(toOperatorRow);
    },

    async passkeysOf(operatorId: string): Promise<StoredPasskey[]> {
      const rows = await db.selectFrom('operator_passkeys').selectAll().where('operator_id', '=', operatorId).orderBy('created_at').execute();
      return rows.map((row) => ({
        id: row.id,
        operatorId: row.operator_id,
        publicKey: new Uint8Array(row.public_key),
        counter: row.counter,
        transports: JSON.parse(row.transports) as string[],
      }));
    },
    async addPasskey(passkey: StoredPasskey & { createdAt: string }): Promise<void> {
      await db
        .insertInto('operator_passkeys')
        .values({
          id: passkey.id,
          operator_id: passkey.operatorId,
          public_key: Buffer.from(passkey.publicKey),
          counter: passkey.counter,
          transports: JSON.stringify(passkey.transports),
          created_at: passkey.createdAt,
          last_used_at: null,
        })
        .execute();
    },
    async usePasskey(id: string, counter: number, at: string): Promise<void> {
      await db.updateTable('operator_passkeys').set({ counter, last_used_at: at }).where('id', '=', id).execute();
    },

    async putSession(session: { tokenHash: string; operatorId: string; stage: 'passkey' | 'full'; challenge: string | null; expiresAt: number }): Promise<void> {
      await db
        .insertInto('operator_sessions')
        .values({ token_hash: session.tokenHash, operator_id: session.operatorId, stage: session.stage, challenge: session.challenge, expires_at: session.expiresAt })
        .execute();
    },
    async session(tokenHash: string, now: number): Promise<{ operatorId: string; stage: 'passkey' | 'full'; challenge: string | null } | undefined> {
      const row = await db
        .selectFrom('operator_sessions')
        .select(['operator_id', 'stage', 'challenge'])
        .where('token_hash', '=', tokenHash)
        .where('expires_at', '>', now)
        .executeTakeFirst();
      return row && { operatorId: row.operator_id, stage: row.stage, challenge: row.challenge };
    },
    /** Deletes the half-way session and says whether it was there: a challenge answers once. */
    async takeSession(tokenHash: string): Promise<boolean> {
      const result = await db.deleteFrom('operator_sessions').where('token_hash', '=', tokenHash).executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
    async deleteExpiredSessions(now: number): Promise<void> {
      await db.deleteFrom('operator_sessions').where('expires_at', '<=', now).execute();
    },

    async audit(entry: AuditEntry): Promise<void> {
      await db
        .insertInto('operator_audit')
        .values({
          id: entry.id,
          at: entry.at,
          operator_id: entry.operatorId,
          operator_name: entry.operatorName,
          action: entry.action,
          target: entry.target,
          detail: entry.detail,
        })
        .execute();
    },
    /** Newest first; one operator's, or everyone's when `operatorId` is undefined. */
    async auditOf(operatorId: string | undefined, limit: number): Promise<AuditEntry[]> {
      let query = db.selectFrom('operator_audit').selectAll();
      if (operatorId !== undefined) query = query.where('operator_id', '=', operatorId);
      const rows = await query.orderBy('at', 'desc').orderBy('id', 'desc').limit(limit).execute();
      return rows.map(toAuditEntry);
    },
  };
}

export type OperatorStore = ReturnType<typeof createOperatorStore>;
