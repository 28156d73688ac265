import type { ServerConfig } from './config.ts';
import { createSyncHandlers } from './services/sync-handlers.ts';
import type { Signer } from './services/signer.ts';
import { createVenueCodeVerifier } from './services/venue-codes.ts';
import { createAuthStore } from './storage/auth.ts';
import { createCheckInStore } from './storage/check-ins.ts';
import { createCitizenStore } from './storage/citizens.ts';
import type { Db } from './storage/database.ts';
import { createRecordStore } from './storage/records.ts';
import { createRuleSetStore } from './storage/rule-sets.ts';
import { createSyncItemStore } from './storage/sync-items.ts';
import { createAntigenPhotoStore } from './storage/antigen-photos.ts';
import { createVenueStore } from './storage/venues.ts';

/** Everything a route may use, built once from the database; routes receive it, never open their own. */
export function createServices(db: Db, config: ServerConfig, signer: Signer) {
  const records = createRecordStore(db);
  const antigenPhotos = createAntigenPhotoStore(db);
  const checkIns = createCheckInStore(db);
  return {
    config,
    signer,
    auth: createAuthStore(db),
    citizens: createCitizenStore(db),
    records,
    ruleSets: createRuleSetStore(db),
    antigenPhotos,
    syncItems: createSyncItemStore(db),
    syncHandlers: createSyncHandlers({ records, antigenPhotos, checkIns, venueCodes: createVenueCodeVerifier(signer) }),
    venues: createVenueStore(db),
    checkIns,
  };
}

export type Services = ReturnType<typeof createServices>;
