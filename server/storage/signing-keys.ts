import { sql, type Kysely } from 'kysely';
import type { Engine } from './database.ts';
import type { Schema, SigningKeysTable } from './schema.ts';

export type SigningKeyRow = Pick<SigningKeysTable, 'kid' | 'private_jwk' | 'public_jwk'>;

/** An arbitrary constant naming the lock that makes first-start key creation happen once across nodes. */
const keyCreationLock = 7_143_012;

/** The server's signing keys, newest first: the newest signs, all stay published so old codes verify. */
export function createSigningKeyStore(db: Kysely<Schema>, engine: Engine) {
  const newestFirst = (from: Kysely<Schema>) =>
    from.selectFrom('signing_keys').select(['kid', 'private_jwk', 'public_jwk']).orderBy('created_at', 'desc').orderBy('kid').execute();
  return {
    all: (): Promise<SigningKeyRow[]> => newestFirst(db),
    /**
     * The key set, made first by `make` when there is none. Nodes starting together over one PostgreSQL
     * take a transaction lock, so exactly one makes the key and every node signs with it.
     */
    ensure(make: () => Promise<SigningKeyRow>): Promise<SigningKeyRow[]> {
      return db.transaction().execute(async (trx) => {
        if (engine === 'postgres') await sql`SELECT pg_advisory_xact_lock(${keyCreationLock})`.execute(trx);
        const existing = await newestFirst(trx);
        if (existing.length > 0) return existing;
        const key = await make();
        await trx.insertInto('signing_keys').values({ ...key, created_at: new Date().toISOString() }).execute();
        return [key];
      });
    },
  };
}
