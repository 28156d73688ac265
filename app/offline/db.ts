/**
 * The one IndexedDB schema of the app. No other module opens IndexedDB: they go through `walletDb()`.
 * Upgrades step by version, so a phone that skipped releases still arrives at the newest shape.
 * Records read back from here are validated again by their owners: a store may hold data written
 * by an older build or edited by hand.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

export const storage = {
  name: 'suishen-wallet',
  version: 4,
  stores: {
    /** The persisted TanStack Query cache, one entry per signed-in citizen. */
    queryCache: 'query-cache',
    /** Writes waiting to reach the server, each with a client-made id. */
    outbox: 'outbox',
    /** Device signing keys (non-extractable private keys), one per citizen. */
    deviceKeys: 'device-keys',
    /** Signed health credentials, one per citizen or dependant. */
    credentials: 'credentials',
    /** The server's public signing keys (JWK set), for verifying codes offline. */
    serverKeys: 'server-keys',
    /** The rule sets last served, for the traveller check and a verifier that never signed in. */
    ruleSets: 'rule-sets',
    /** Place-code check-ins kept on this device (14 days). */
    checkIns: 'check-ins',
    /** The revocation list a verifier last synced, merged from the server's deltas. */
    revocations: 'revocations',
    /** The 数字哨兵 kiosk's pairing: its token and the venue it serves (as last confirmed by the server). */
    kioskPairing: 'kiosk-pairing',
    /** The kiosk's passes and fails per hour, never who. */
    kioskCounts: 'kiosk-counts',
    /** Small device settings that need not be read before first paint. */
    settings: 'settings',
  },
} as const;

export interface WalletSchema extends DBSchema {
  'query-cache': { key: string; value: { key: string; savedAt: number; client: unknown } };
  outbox: {
    key: string;
    value: {
      id: string;
      citizenId: string;
      kind: string;
      createdAt: number;
      attempts: number;
      lastError: string | null;
      /** Set when the server refused the item for good (4xx): kept, never resent, shown to the user. */
      rejected?: string;
      payload: unknown;
    };
    indexes: { 'by-created': number; 'by-citizen': string };
  };
  'device-keys': { key: string; value: { citizenId: string; keyPair: CryptoKeyPair; publicJwk: JsonWebKey; createdAt: number } };
  /** `compact`: the same credential in the SSM2 form; absent from what builds before it kept. */
  credentials: { key: string; value: { subjectId: string; token: string; compact?: string; expiresAt: number; savedAt: number } };
  'server-keys': { key: string; value: { id: 'current'; keys: unknown; savedAt: number } };
  'rule-sets': { key: string; value: { id: 'current'; ruleSets: unknown; savedAt: number } };
  'check-ins': { key: string; value: { id: string; citizenId: string; scannedAt: number; record: unknown }; indexes: { 'by-scanned': number } };
  revocations: { key: string; value: { id: 'current'; list: unknown } };
  settings: { key: string; value: unknown };
  'kiosk-pairing': { key: string; value: { id: 'current'; pairing: unknown } };
  'kiosk-counts': { key: number; value: { hour: number; pass: number; fail: number } };
}

export type WalletDb = IDBPDatabase<WalletSchema>;

let opening: Promise<WalletDb> | undefined;

export function walletDb(): Promise<WalletDb> {
  opening ??= openDB<WalletSchema>(storage.name, storage.version, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        db.createObjectStore(storage.stores.queryCache, { keyPath: 'key' });
        const outbox = db.createObjectStore(storage.stores.outbox, { keyPath: 'id' });
        outbox.createIndex('by-created', 'createdAt');
        outbox.createIndex('by-citizen', 'citizenId');
        db.createObjectStore(storage.stores.deviceKeys, { keyPath: 'citizenId' });
        db.createObjectStore(storage.stores.credentials, { keyPath: 'subjectId' });
        db.createObjectStore(storage.stores.serverKeys, { keyPath: 'id' });
        const checkIns = db.createObjectStore(storage.stores.checkIns, { keyPath: 'id' });
        checkIns.createIndex('by-scanned', 'scannedAt');
        db.createObjectStore(storage.stores.settings);
      }
      if (oldVersion < 2) {
        db.createObjectStore(storage.stores.ruleSets, { keyPath: 'id' });
      }
      if (oldVersion < 3) {
        db.createObjectStore(storage.stores.revocations, { keyPath: 'id' });
      }
      if (oldVersion < 4) {
        db.createObjectStore(storage.stores.kioskPairing, { keyPath: 'id' });
        db.createObjectStore(storage.stores.kioskCounts, { keyPath: 'hour' });
      }
    },
    blocked() {
      opening = undefined;
    },
    terminated() {
      opening = undefined;
    },
  }).catch((error: unknown) => {
    opening = undefined;
    throw error;
  });
  return opening;
}
