import { sql, type Kysely } from 'kysely';
import type { Engine } from './database.ts';
import type { Schema } from './schema.ts';

/** A signing key as kept: the private JWK sealed (services/signer.ts), the public one as JSON text. */
export interface NewSigningKey {
  kid: string;
  privateJwk: string;
  publicJwk: string;
}
export interface StoredSigningKey extends NewSigningKey {
  /** When a rotation retired it (ISO), or null for the key that signs. */
  retiredAt: string | null;
}

/** An arbitrary constant naming the lock that makes key creation and rotation happen once across nodes. */
const keyCreationLock = 7_143_012;

/**
 * The server's signing keys, newest first: the newest signs; one a rotation retired stays published (so
 * that what it signed still verifies) until services/signer.ts says nothing it signed can still be shown.
 */
export function createSigningKeyStore(db: Kysely<Schema>, engine: Engine) {
  const newestFirst = (from: Kysely<Schema>) =>
    from
      .selectFrom('signing_keys')
      .select(['kid', 'private_jwk as privateJwk', 'public_jwk as publicJwk', 'retired_at as retiredAt'])
      .orderBy('created_at', 'desc')
      .orderBy('kid')
      .execute();
  const toRow = (key: NewSigningKey, createdAt: Date) => ({ kid: key.kid, private_jwk: key.privateJwk, public_jwk: key.publicJwk, created_at: createdAt.toISOString() });
  const lock = async (trx: Kysely<Schema>) => {
    if (engine === 'postgres') await sql`SELECT pg_advisory_xact_lock(${keyCreationLock})`.execute(trx);
  };
  return {
    all: (): Promise<StoredSigningKey[]> => newestFirst(db),
    /**
     * The key set, made first by `make` when there is none. Nodes starting together over one PostgreSQL
     * take a transaction lock, so exactly one makes the key and every node signs with it.
     */
    ensure(make: () => Promise<NewSigningKey>): Promise<StoredSigningKey[]> {
      return db.transaction().execute(async (trx) => {
        await lock(trx);
        const existing = await newestFirst(trx);
        if (existing.length > 0) return existing;
        const key = await make();
        await trx.insertInto('signing_keys').values(toRow(key, new Date())).execute();
        return [{ ...key, retiredAt: null }];
      });
    },
    /** Retires the signing key and adds `key` to sign from now on, together. */
    async rotate(key: NewSigningKey, now: Date): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await lock(trx);
        await trx.updateTable('signing_keys').set({ retired_at: now.toISOString() }).where('retired_at', 'is', null).execute();
        await trx.insertInto('signing_keys').values(toRow(key, now)).execute();
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
