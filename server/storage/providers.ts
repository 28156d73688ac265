import type { Kysely } from 'kysely';
import type { ProvidersTable, Schema } from './schema.ts';

export type ProviderRow = ProvidersTable;

/** Data providers and the hashes of their keys, as rows; the rules are services/providers.ts's. */
export function createProviderStore(db: Kysely<Schema>) {
  return {
    byName: (name: string): Promise<ProviderRow | undefined> => db.selectFrom('providers').selectAll().where('name', '=', name).executeTakeFirst(),
    byKeyHash: (keyHash: string): Promise<ProviderRow | undefined> =>
      db.selectFrom('providers').selectAll().where('key_hash', '=', keyHash).executeTakeFirst(),
    all: (): Promise<ProviderRow[]> => db.selectFrom('providers').selectAll().orderBy('name').execute(),
    async add(row: Omit<ProviderRow, 'revoked_at'>): Promise<void> {
      await db.insertInto('providers').values({ ...row, revoked_at: null }).execute();
    },
    /** True when this call revoked it; a provider revoked already keeps its first revocation time. */
    async revoke(name: string, at: string): Promise<boolean> {
      const result = await db.updateTable('providers').set({ revoked_at: at }).where('name', '=', name).where('revoked_at', 'is', null).executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
  };
}

export type ProviderStore = ReturnType<typeof createProviderStore>;
