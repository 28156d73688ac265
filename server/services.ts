import type { ServerConfig } from './config.ts';
import type { Signer } from './services/signer.ts';
import { createAuthStore } from './storage/auth.ts';
import { createCheckInStore } from './storage/check-ins.ts';
import { createCitizenStore } from './storage/citizens.ts';
import type { Db } from './storage/database.ts';
import { createRecordStore } from './storage/records.ts';
import { createRuleSetStore } from './storage/rule-sets.ts';
import { createVenueStore } from './storage/venues.ts';

/** Everything a route may use, built once from the database; routes receive it, never open their own. */
export function createServices(db: Db, config: ServerConfig, signer: Signer) {
  return {
    config,
    signer,
    auth: createAuthStore(db),
    citizens: createCitizenStore(db),
    records: createRecordStore(db),
    ruleSets: createRuleSetStore(db),
    venues: createVenueStore(db),
    checkIns: createCheckInStore(db),
  };
}

export type Services = ReturnType<typeof createServices>;
