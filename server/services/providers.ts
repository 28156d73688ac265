/**
 * Data providers and their API keys. A key is 32 random bytes shown once when the provider is added;
 * only its SHA-256 is stored, so a copy of the database lets no one post a feed. A revoked provider's
 * key stops working at once on every node (the check reads the database).
 */
import { randomBytes } from 'node:crypto';
import { providerScope, type ProviderScope } from '../../core/contract/feeds.ts';
import type { ProviderStore } from '../storage/providers.ts';
import { sha256Hex } from './sha256.ts';

export interface Provider {
  name: string;
  scopes: ProviderScope[];
}

export interface ProviderListing extends Provider {
  createdAt: string;
  revokedAt: string | null;
}

/** A request the admin tool refuses, with a message for whoever typed it. */
export class ProviderError extends Error {}

const providerName = /^[a-z0-9][a-z0-9._-]{0,63}$/;

function parseScopes(list: string): ProviderScope[] {
  const scopes = new Set<ProviderScope>();
  for (const part of list.split(',').map((scope) => scope.trim()).filter(Boolean)) {
    const parsed = providerScope.safeParse(part);
    if (!parsed.success) throw new ProviderError(`unknown scope ${JSON.stringify(part)}; scopes are ${providerScope.options.join(', ')}`);
    scopes.add(parsed.data);
  }
  if (scopes.size === 0) throw new ProviderError(`give at least one scope: ${providerScope.options.join(', ')}`);
  return [...scopes];
}

/** Scopes as stored; a scope the code no longer knows grants nothing. */
function storedScopes(scopes: readonly string[]): ProviderScope[] {
  return scopes.flatMap((scope) => {
    const parsed = providerScope.safeParse(scope);
    return parsed.success ? [parsed.data] : [];
  });
}

export function createProviderService(store: ProviderStore, now: () => Date = () => new Date()) {
  return {
    /** Adds a provider with the scopes in a comma list and gives back its new API key, the only time it is seen. */
    async add(name: string, scopeList: string): Promise<string> {
      if (!providerName.test(name)) throw new ProviderError('a provider name is 1–64 lower-case letters, digits, dots, dashes or underscores');
      const scopes = parseScopes(scopeList);
      if (await store.byName(name)) throw new ProviderError(`provider ${name} exists already; revoke it and add one under a new name to change its key`);
      const key = `ssp_${randomBytes(32).toString('base64url')}`;
      await store.add({ name, keyHash: sha256Hex(key), scopes, createdAt: now().toISOString() });
      return key;
    },
    async list(): Promise<ProviderListing[]> {
      return (await store.all()).map((stored) => ({ name: stored.name, scopes: storedScopes(stored.scopes), createdAt: stored.createdAt, revokedAt: stored.revokedAt }));
    },
    async revoke(name: string): Promise<void> {
      if (await store.revoke(name, now().toISOString())) return;
      throw new ProviderError((await store.byName(name)) ? `provider ${name} is revoked already` : `no provider named ${name}`);
    },
    /** The live provider a key belongs to, or nothing for an unknown or revoked key. */
    async authenticate(key: string): Promise<Provider | undefined> {
      const stored = await store.byKeyHash(sha256Hex(key));
      return stored && stored.revokedAt === null ? { name: stored.name, scopes: storedScopes(stored.scopes) } : undefined;
    },
  };
}

export type ProviderService = ReturnType<typeof createProviderService>;
