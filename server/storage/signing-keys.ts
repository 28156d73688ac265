import { sql, type Kysely } from 'kysely';
import type { Engine } from './database.ts';
import type { Schema, SigningKeysTable } from './schema.ts';

export type NewSigningKey = Pick<SigningKeysTable, 'kid' | 'private_jwk' | 'public_jwk'>;
export type SigningKeyRow = NewSigningKey & { retired_at: string | null };

/** An arbitrary constant naming the lock that makes key creation and rotation happen once across nodes. */
const keyCreationLock = 7_143_012;

/**
 * The server's signing keys, newest first: the newest signs; one a rotation retired stays published (so
 * that what it signed still verifies) until services/signer.ts says nothing it signed can still be shown.
 */
export function createSigningKeyStore(db: Kysely<Schema>, engine: Engine) {
  const newestFirst = (from: Kysely<Schema>) =>
    from.selectFrom('signing_keys').select(['kid', 'private_jwk', 'public_jwk', 'retired_at']).orderBy('created_at', 'desc').orderBy('kid').execute();
  const lock = async (trx: Kysely<Schema>) => {
    if (engine === 'postgres') await sql`SELECT pg_advisory_xact_lock(${keyCreationLock})`.execute(trx);
  };
  return {
    all: (): Promise<SigningKeyRow[]> => newestFirst(db),
    /**
     * The key set, made first by `make` when there is none. Nodes starting together over one PostgreSQL
     * take a transaction lock, so exactly one makes the key and every node signs with it.
     */
    ensure(make: () => Promise<NewSigningKey>): Promise<SigningKeyRow[]> {
      return db.transaction().execute(async (trx) => {
        await lock(trx);
        const existing = await newestFirst(trx);
        if (existing.length > 0) return existing;
        const key = await make();
        await trx.insertInto('signing_keys').values({ ...key, created_at: new Date().toISOString() }).execute();
        return [{ ...key, retired_at: null }];
      });
    },
    /** Retires the signing key and adds `key` to sign from now on, together. */
    async rotate(key: NewSigningKey, now: Date): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await lock(trx);
        await trx.updateTable('signing_keys').set({ retired_at: now.toISOString() }).where('retired_at', 'is', null).execute();
        await trx.insertInto('signing_keys').values({ ...key, created_at: now.toISOString() }).execute();
      });
    },
    /**
     * Forgets keys retired before `cutoff` (ISO) that signed no venue code still on record: a poster on a
     * wall never expires, so its key stays published while the venue exists (a token is `v1.<kid>.…`).
     */
    async deleteRetiredBefore(cutoff: string): Promise<number> {
      const result = await db
        .deleteFrom('signing_keys')
        .where('retired_at', '<', cutoff)
        .where((eb) => eb.not(eb.exists(eb.selectFrom('venues').select('number').where('token', 'like', sql<string>`'v1.' || signing_keys.kid || '.%'`))))
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
