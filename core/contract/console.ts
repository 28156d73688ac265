/**
 * The authority (docs/authority.md): operators of the health commission, who sign in with a phone code and
 * a passkey and grant the powers a venue and a kiosk hold. Everything here is under `/api/operator`, behind
 * the operator's own session cookie (never a citizen's); only `/operator/auth/*` is open.
 */
import * as z from 'zod/mini';
import { antigenReviewBody, antigenReviewItem } from './antigen-review.ts';
import { antigenTest } from './antigen.ts';
import { endpoint, instant, ok, otpCode, phone, reviewNote } from './common.ts';
import { providerScope } from './feeds.ts';
import { kioskId, kioskLicence } from './kiosks.ts';
import { venueKind, venueNumber, venueStatus } from './venues.ts';

export { kioskLicence, type KioskLicence } from './kiosks.ts';
export { venueStatus, type VenueStatus } from './venues.ts';

/** A district operator acts for one district; a city administrator for every district, and alone manages providers. */
export const operatorRole = z.enum(['district-operator', 'city-admin']);
export type OperatorRole = z.infer<typeof operatorRole>;
export const operatorId = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/));
export const operator = z.object({
  id: operatorId,
  name: z.string(),
  maskedPhone: z.string(),
  role: operatorRole,
  /** The district a district operator acts for (as venues spell it, e.g. 黄浦区); null for a city administrator. */
  district: z.nullable(z.string()),
});
export type Operator = z.infer<typeof operator>;

/**
 * WebAuthn options and responses cross the wire as @simplewebauthn's JSON (PublicKeyCredentialCreationOptionsJSON,
 * PublicKeyCredentialRequestOptionsJSON, RegistrationResponseJSON, AuthenticationResponseJSON): the console
 * hands them to @simplewebauthn/browser's startRegistration / startAuthentication as they are. The server
 * checks them with @simplewebauthn/server, so the contract only says they are JSON objects.
 */
export const webAuthnJson = z.record(z.string(), z.unknown());

/** Step 1: a code to the operator's phone. The same answer for a phone that is no operator's (demoCode only for a real one). */
export const operatorCodeBody = z.object({ phone });
export const operatorCodeResponse = z.object({
  sent: z.literal(true),
  expiresInSeconds: z.int().check(z.positive()),
  /** Demo mode only. */
  demoCode: z.optional(otpCode),
});
/**
 * Step 2: the code. The answer sets a half-way cookie (good for the passkey step only, 5 minutes) and says which
 * passkey ceremony comes next: `register` on the first sign-in (no passkey yet), `authenticate` after.
 */
export const operatorVerifyBody = z.object({ phone, code: otpCode });
export const operatorVerifyResponse = z.object({
  next: z.enum(['register', 'authenticate']),
  /** Creation options for `register`, request options for `authenticate`. */
  options: webAuthnJson,
});
/** Step 3: the passkey's answer. Success replaces the half-way cookie with the operator session (8 hours). */
export const operatorPasskeyBody = z.object({ response: webAuthnJson });
export const operatorSessionResponse = z.object({ operator });
/** In demo mode the login screen may offer these operators (their codes come back in `demoCode`). */
export const demoOperator = z.object({ phone, name: z.string(), role: operatorRole, district: z.nullable(z.string()) });

/** A venue as an operator reviews it: what the owner registered, who the owner is, and where the review stands. */
export const operatorVenue = z.object({
  number: venueNumber,
  name: z.string(),
  district: z.string(),
  address: z.string(),
  kind: venueKind,
  createdAt: instant,
  status: venueStatus,
  /** The registering citizen: full name (the operator is checking it against the business licence) and masked phone. */
  owner: z.object({ name: z.string(), maskedPhone: z.string() }),
  reviewedBy: z.nullable(z.string()),
  reviewedAt: z.nullable(instant),
  note: z.nullable(z.string()),
  /** Kiosks of this venue that are requested or licensed. */
  kioskCount: z.int(),
});
export type OperatorVenue = z.infer<typeof operatorVenue>;
export const operatorVenuesQuery = { status: venueStatus } as const;
/** Approve or refuse; a refused venue may be approved later (a mistake corrected), an approved one refused (its kiosks are then suspended). */
export const decideVenueBody = z.object({ decision: z.enum(['approve', 'refuse']), note: reviewNote });

/**
 * A kiosk licence. The owner pairs a device for an approved venue: it is `requested`. An operator licenses it
 * (only then does it look anyone up or log visits), may suspend it (for a while) or revoke it (for good).
 */
export const operatorKiosk = z.object({
  id: kioskId,
  label: z.string(),
  venue: z.object({ number: venueNumber, name: z.string(), district: z.string(), address: z.string() }),
  licence: kioskLicence,
  /** Whether staff may type an ID number at this kiosk (a staffed desk); otherwise only a document read counts. */
  typedIdAllowed: z.boolean(),
  createdAt: instant,
  /** The kiosk's last request to the server (its last sync); null if it never made one. */
  lastSeenAt: z.nullable(instant),
  /** The owner unpaired the device. */
  unpairedAt: z.nullable(instant),
  licensedAt: z.nullable(instant),
  /** The kiosk's ID lookups today (Shanghai day) and in all, and the venue's check-ins today (visits are not told apart by kiosk). */
  counts: z.object({ lookupsToday: z.int(), lookups: z.int(), visitsToday: z.int() }),
});
export type OperatorKiosk = z.infer<typeof operatorKiosk>;
/** What the operator does to a licence; `typedIdAllowed` only with `license` (and may be sent alone to change it on a licensed kiosk). */
export const decideKioskBody = z.object({
  action: z.enum(['license', 'suspend', 'revoke', 'set-typed-id']),
  typedIdAllowed: z.optional(z.boolean()),
  note: reviewNote,
});
/** How many kiosks may be licensed at once, per venue and per owner, unless KIOSKS_PER_VENUE / KIOSKS_PER_OWNER say otherwise. */
export const kioskCapDefaults = { perVenue: 4, perOwner: 10 } as const;

export const operatorProvider = z.object({ name: z.string(), scopes: z.array(providerScope), createdAt: instant, revokedAt: z.nullable(instant) });
export const addProviderBody = z.object({
  name: z.string().check(z.trim(), z.regex(/^[a-z0-9][a-z0-9-]{0,47}$/, 'name: lower-case letters, digits and dashes')),
  scopes: z.array(providerScope).check(z.minLength(1)),
});
/** The key is shown this once, as `npm run admin -- provider add` prints it. */
export const addProviderResponse = z.object({ provider: operatorProvider, apiKey: z.string() });

export const auditAction = z.enum([
  'operator.sign-in',
  'operator.passkey-registered',
  'venue.approve',
  'venue.refuse',
  'kiosk.license',
  'kiosk.suspend',
  'kiosk.revoke',
  'kiosk.set-typed-id',
  'provider.add',
  'provider.revoke',
  'antigen-review.read',
  'antigen-review.decide',
]);
export type AuditAction = z.infer<typeof auditAction>;
/** One line of the append-only audit: who did what to what, when. Never updated, never deleted. */
export const auditEntry = z.object({
  id: z.string(),
  at: instant,
  operatorId,
  operatorName: z.string(),
  action: auditAction,
  /** What it was done to: a venue number, kiosk id, provider name or self-test id. */
  target: z.string(),
  detail: z.nullable(z.string()),
});
export type AuditEntry = z.infer<typeof auditEntry>;

export const consoleEndpoints = {
  /** Sign-in (open). */
  operatorCode: endpoint({ method: 'POST', path: '/operator/auth/code', body: operatorCodeBody, response: operatorCodeResponse }),
  operatorVerify: endpoint({ method: 'POST', path: '/operator/auth/verify', body: operatorVerifyBody, response: operatorVerifyResponse }),
  operatorPasskeyRegister: endpoint({ method: 'POST', path: '/operator/auth/passkey/register', body: operatorPasskeyBody, response: operatorSessionResponse }),
  operatorPasskeyAuthenticate: endpoint({ method: 'POST', path: '/operator/auth/passkey/authenticate', body: operatorPasskeyBody, response: operatorSessionResponse }),
  operatorLogout: endpoint({ method: 'POST', path: '/operator/auth/logout', body: undefined, response: ok }),
  /** Who is signed in: `{ operator: null }` without an operator session (an answer, not an error). */
  operatorSession: endpoint({ method: 'GET', path: '/operator/auth/session', body: undefined, response: z.object({ operator: z.nullable(operator) }) }),
  /** Demo mode only (404 otherwise). */
  demoOperators: endpoint({ method: 'GET', path: '/operator/auth/demo', body: undefined, response: z.object({ operators: z.array(demoOperator) }) }),

  /** Behind the operator session. `?status=pending|approved|refused` (default pending); own district only, unless city-admin. */
  operatorVenues: endpoint({ method: 'GET', path: '/operator/venues', body: undefined, response: z.object({ venues: z.array(operatorVenue) }) }),
  /** A venue of another district answers 404, as one that does not exist. */
  operatorDecideVenue: endpoint({ method: 'POST', path: '/operator/venues/:number', body: decideVenueBody, response: z.object({ venue: operatorVenue }) }),
  /** Every kiosk of the operator's district (requested first); `?licence=` filters. */
  operatorKiosks: endpoint({ method: 'GET', path: '/operator/kiosks', body: undefined, response: z.object({ kiosks: z.array(operatorKiosk) }) }),
  /** 409 `kiosk_cap` when licensing would pass the venue's or owner's cap; 409 `venue_unapproved` for a venue not approved. */
  operatorDecideKiosk: endpoint({ method: 'POST', path: '/operator/kiosks/:kioskId', body: decideKioskBody, response: z.object({ kiosk: operatorKiosk }) }),
  /** Providers and their keys: city administrators only (403 `forbidden` for a district operator). */
  operatorProviders: endpoint({ method: 'GET', path: '/operator/providers', body: undefined, response: z.object({ providers: z.array(operatorProvider) }) }),
  operatorAddProvider: endpoint({ method: 'POST', path: '/operator/providers', body: addProviderBody, response: addProviderResponse }),
  operatorRevokeProvider: endpoint({ method: 'DELETE', path: '/operator/providers/:name', body: undefined, response: ok }),
  /** The antigen self-tests waiting for review, oldest first, and a decision on one (as the provider review API). */
  operatorAntigenReviews: endpoint({ method: 'GET', path: '/operator/antigen-reviews', body: undefined, response: z.object({ tests: z.array(antigenReviewItem) }) }),
  operatorDecideAntigenReview: endpoint({ method: 'POST', path: '/operator/antigen-reviews/:id', body: antigenReviewBody, response: z.object({ test: antigenTest }) }),
  /** The signed-in operator's own actions, newest first (a city administrator: `?all=1` for everyone's). */
  operatorAudit: endpoint({ method: 'GET', path: '/operator/audit', body: undefined, response: z.object({ entries: z.array(auditEntry) }) }),
} as const;
