/**
 * The storage layer as the services see it: one store per table group, over the database or over one
 * transaction of it. The only place in the server that knows SQL exists.
 */
import type { Kysely } from 'kysely';
import { createAccessLogStore } from './access-log.ts';
import { createAntigenKitStore } from './antigen-kits.ts';
import { createAntigenReviewStore } from './antigen-reviews.ts';
import { createAntigenPhotoStore } from './antigen-photos.ts';
import { createAuthStore } from './auth.ts';
import { createCheckInStore } from './check-ins.ts';
import { createCitizenStore } from './citizens.ts';
import { createColourChangeStore } from './colour-changes.ts';
import type { Database, Engine } from './database.ts';
import { createFeedStore } from './feeds.ts';
import { createKioskStore } from './kiosks.ts';
import { createLoginThrottleStore } from './login-throttle.ts';
import { createOperatorStore } from './operators.ts';
import { createPersonalDataStore } from './personal-data.ts';
import { createProviderStore } from './providers.ts';
import { createFeedRecordWriter, createRecordStore } from './records.ts';
import { createRevocationStore } from './revocations.ts';
import { createRuleSetStore } from './rule-sets.ts';
import type { Schema } from './schema.ts';
import { createSigningKeyStore } from './signing-keys.ts';
import { createSyncItemStore } from './sync-items.ts';
import { createVenueStore } from './venues.ts';

function stores(db: Kysely<Schema>, engine: Engine) {
  return {
    auth: createAuthStore(db),
    citizens: createCitizenStore(db),
    records: createRecordStore(db),
    antigenPhotos: createAntigenPhotoStore(db),
    antigenKits: createAntigenKitStore(db),
    antigenReviews: createAntigenReviewStore(db),
    checkIns: createCheckInStore(db, engine),
    ruleSets: createRuleSetStore(db),
    signingKeys: createSigningKeyStore(db, engine),
    syncItems: createSyncItemStore(db),
    venues: createVenueStore(db),
    providers: createProviderStore(db),
    feeds: createFeedStore(db),
    feedRecords: createFeedRecordWriter(db),
    colourChanges: createColourChangeStore(db),
    revocations: createRevocationStore(db),
    accessLog: createAccessLogStore(db),
    personalData: createPersonalDataStore(db),
    loginThrottle: createLoginThrottleStore(db),
    kiosks: createKioskStore(db),
    operators: createOperatorStore(db),
  };
}

export type Stores = ReturnType<typeof stores>;

export interface Storage extends Stores {
  /** Runs `work` in one transaction: everything it writes through the stores it is given lands together or not at all. */
  transaction<T>(work: (stores: Stores) => Promise<T>): Promise<T>;
  ready(): Promise<boolean>;
  close(): Promise<void>;
}

export function createStorage(database: Database): Storage {
  return {
    ...stores(database.db, database.engine),
    transaction: (work) => database.db.transaction().execute((trx) => work(stores(trx, database.engine))),
    ready: () => database.ready(),
    close: () => database.close(),
  };
}
