/**
 * Builds the server's three layers once: storage (the database), services (the rules) over it, and hands the
 * services to the routes. Routes never see a store; services never see HTTP beyond the errors they throw.
 */
import type { ServerConfig } from './config.ts';
import { createAuthService } from './services/auth.ts';
import { codeSenderFor } from './services/code-sender.ts';
import { createCitizenService } from './services/citizens.ts';
import { createCredentialService } from './services/credentials.ts';
import { createFamilyService } from './services/family.ts';
import { createFeedService } from './services/feeds.ts';
import { createProviderService } from './services/providers.ts';
import type { Signer } from './services/signer.ts';
import { createSyncService } from './services/sync.ts';
import { createVenueService } from './services/venues.ts';
import type { Storage } from './storage/storage.ts';

export function composeServices(storage: Storage, config: ServerConfig, signer: Signer) {
  const auth = createAuthService(storage.auth, { demo: config.demo, sender: codeSenderFor(config) });
  const citizens = createCitizenService(storage.citizens);
  return {
    config,
    signer,
    auth,
    citizens,
    records: storage.records,
    ruleSets: storage.ruleSets,
    antigenKits: storage.antigenKits,
    family: createFamilyService({ auth, citizens, citizenStore: storage.citizens }),
    credentials: createCredentialService({ citizens, records: storage.records, ruleSets: storage.ruleSets, signer }),
    venues: createVenueService({ venues: storage.venues, checkIns: storage.checkIns, signer }),
    sync: createSyncService({ storage, signer }),
    providers: createProviderService(storage.providers),
    feeds: createFeedService(storage),
    ready: () => storage.ready(),
  };
}

export type Services = ReturnType<typeof composeServices>;
