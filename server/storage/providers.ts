import type { Kysely } from 'kysely';
import type { ProvidersTable, Schema } from './schema.ts';

/** A provider as stored: its scopes as they were granted (services/providers.ts drops any it no longer knows). */
export interface StoredProvider {
  name: string;
  /** SHA-256 of the API key, hex. */
  keyHash: string;
  scopes: string[];
  createdAt: string;
  revokedAt: string | null;
}

function toProvider(row: ProvidersTable): StoredProvider {
  return { name: row.name, keyHash: row.key_hash, scopes: row.scopes.split(',').filter(Boolean), createdAt: row.created_at, revokedAt: row.revoked_at };
}

/** Data providers and the hashes of their keys; the rules are services/providers.ts's. */
export function createProviderStore(db: Kysely<Schema>) {
  const providers = () => db.selectFrom('providers').selectAll();
  return {
    byName: async (name: string): Promise<StoredProvider | undefined> => {
      const row = await providers().where('name', '=', name).executeTakeFirst();
      return row && toProvider(row);
    },
    byKeyHash: async (keyHash: string): Promise<StoredProvider | undefined> => {
      const row = await providers().where('key_hash', '=', keyHash).executeTakeFirst();
      return row && toProvider(row);
    },
    all: async (): Promise<StoredProvider[]> => (await providers().orderBy('name').execute()).map(toProvider),
    async add(provider: Omit<StoredProvider, 'revokedAt'>): Promise<void> {
      await db
        .insertInto('providers')
        .values({ name: provider.name, key_hash: provider.keyHash, scopes: provider.scopes.join(','), created_at: provider.createdAt, revoked_at: null })
        .execute();
    },
    /** True when this call revoked it; a provider revoked already keeps its first revocation time. */
    async revoke(name: string, at: string): Promise<boolean> {
      const result = await db.updateTable('providers').set({ revoked_at: at }).where('name', '=', name).where('revoked_at', 'is', null).executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
  };
}

export type ProviderStore = ReturnType<typeof createProviderStore>;
