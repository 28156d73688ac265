/**
 * Builds the server's three layers once: storage (the database), services (the rules) over it, and hands the
 * services to the routes. Routes never see a store; services never see HTTP beyond the errors they throw.
 */
import type { ServerConfig } from './config.ts';
import { createLogger, createMetrics } from './http/observability.ts';
import { createAccessLogService } from './services/access-log.ts';
import { createAntigenReviewService } from './services/antigen-reviews.ts';
import { createAuthService } from './services/auth.ts';
import { createAuthorityService } from './services/authority.ts';
import { isDemoOperator } from './services/demo-operators.ts';
import { createOperatorAuth } from './services/operator-auth.ts';
import { codeSenderFor } from './services/code-sender.ts';
import { createCitizenService } from './services/citizens.ts';
import { createCredentialService } from './services/credentials.ts';
import { createFamilyService, familyLimits } from './services/family.ts';
import { createFeedService } from './services/feeds.ts';
import { createKioskService } from './services/kiosks.ts';
import { createLoginLimits, defaultLoginLimits } from './services/login-limits.ts';
import { createPersonalDataService } from './services/personal-data.ts';
import { createRecordService } from './services/records.ts';
import { createProviderService } from './services/providers.ts';
import { createRevocationService } from './services/revocations.ts';
import type { Signer } from './services/signer.ts';
import { createSyncService } from './services/sync.ts';
import { createVenueService } from './services/venues.ts';
import type { Storage } from './storage/storage.ts';

export function composeServices(storage: Storage, config: ServerConfig, signer: Signer) {
  // Demo mode shows every code on screen: there is nothing to guess and no text to pay for.
  const now = config.clock ?? Date.now;
  const loginLimits = createLoginLimits(storage.loginThrottle, config.demo ? null : (config.loginLimits ?? defaultLoginLimits), now);
  const auth = createAuthService(storage.auth, { demo: config.demo, sender: codeSenderFor(config), limits: loginLimits }, now);
  const accessLog = createAccessLogService(storage.accessLog);
  const citizens = createCitizenService(storage.citizens, accessLog);
  const sync = createSyncService({ storage, signer });
  const providers = createProviderService(storage.providers);
  const antigenReviews = createAntigenReviewService(storage.antigenReviews, accessLog, () => new Date(now()));
  const authority = createAuthorityService({ storage, providers, antigenReviews, ...(config.kioskCaps ? { caps: config.kioskCaps } : {}) }, now);
  return {
    config,
    metrics: createMetrics(),
    logger: createLogger(config.logDestination),
    signer,
    auth,
    loginLimits,
    citizens,
    accessLog,
    personalData: createPersonalDataService({ storage, auth, accessLog }),
    records: createRecordService({ citizens, store: storage.records }),
    /** What the public routes read: the rule sets in force and the approved kits. */
    publicData: { ruleSets: () => storage.ruleSets.all(), antigenKits: () => storage.antigenKits.all() },
    antigenReviews,
    family: createFamilyService({ auth, citizens, citizenStore: storage.citizens, inTransaction: (work) => storage.transaction((stores) => work(stores.citizens)), throttle: storage.loginThrottle, limits: config.demo ? null : familyLimits, now }),
    credentials: createCredentialService({ citizens, records: storage.records, ruleSets: storage.ruleSets, signer }),
    venues: createVenueService({ venues: storage.venues, checkIns: storage.checkIns, signer }),
    sync,
    kiosks: createKioskService(
      { storage, signer, accessLog, sync, ...(config.kioskLookupLimits ? { limits: config.kioskLookupLimits } : {}), ...(config.kioskCaps ? { caps: config.kioskCaps } : {}) },
      now,
    ),
    providers,
    authority,
    operatorAuth: createOperatorAuth(
      {
        store: storage.operators,
        auth,
        ...(config.demo ? { freshPasskeyFor: isDemoOperator } : {}),
        audit: (operator, action, target) => authority.audit(operator, action, target),
      },
      now,
    ),
    feeds: createFeedService(storage),
    revocations: createRevocationService(storage.revocations, signer),
    ready: () => storage.ready(),
  };
}

export type Services = ReturnType<typeof composeServices>;
