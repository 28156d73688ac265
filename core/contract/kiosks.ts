/** 数字哨兵, the entrance kiosk: pairing, what a kiosk learns of itself, its visits and its ID-number lookups. */
import * as z from 'zod/mini';
import { documentType } from '../identity/documents.ts';
import { endpoint, instant, ok } from './common.ts';
import { syncBatchResponse, syncItem } from './sync.ts';
import { checkInId, venueNumber } from './venues.ts';

/**
 * 数字哨兵 (the entrance kiosk). A venue owner pairs a device as the venue's kiosk and gets a pairing token
 * once (`ssk1.<kioskId>.<secret>`, only its hash is kept); the kiosk sends it as `Authorization: Bearer`
 * on every /kiosk route and can act only for that venue.
 */
export const kioskId = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/));
export const kioskLabel = z.string().check(z.trim(), z.minLength(1, 'label is required'), z.maxLength(32, 'label is at most 32 characters'));
/**
 * A kiosk licence (docs/authority.md). Pairing a device for an approved venue requests one; an operator
 * licenses it, and may suspend or revoke it. Only a licensed kiosk logs visits or looks anyone up.
 */
export const kioskLicence = z.enum(['requested', 'licensed', 'suspended', 'revoked']);
export type KioskLicence = z.infer<typeof kioskLicence>;
export const kiosk = z.object({
  id: kioskId,
  label: z.string(),
  licence: kioskLicence,
  /** Whether the operator let staff type ID numbers at this kiosk (a staffed desk). */
  typedIdAllowed: z.boolean(),
  createdAt: instant,
  lastSeenAt: z.nullable(instant),
  revokedAt: z.nullable(instant),
});
export type Kiosk = z.infer<typeof kiosk>;
export const pairKioskBody = z.object({ label: kioskLabel });
export const pairKioskResponse = z.object({ kiosk, pairingToken: z.string() });
export type PairKioskResponse = z.infer<typeof pairKioskResponse>;
/** What a paired kiosk learns about itself: which venue it serves, and under which rule. */
export const kioskMe = z.object({
  kiosk: z.object({ id: kioskId, label: z.string(), licence: kioskLicence, typedIdAllowed: z.boolean() }),
  venue: z.object({ number: venueNumber, name: z.string(), district: z.string(), address: z.string(), ruleSetId: z.string() }),
});
export type KioskMe = z.infer<typeof kioskMe>;
/**
 * One visit a kiosk passed, as queued in the kiosk's outbox (kind 'kiosk-visit'): the QR text it read (a live
 * code, SSM1 or SSM2, or a paper code) and when. The server verifies the code again before it stores the check-in.
 */
export const kioskVisitKind = 'kiosk-visit';
export const kioskVisitUpload = z.object({ code: z.string().check(z.minLength(1), z.maxLength(2048)), scannedAt: instant });
export type KioskVisitUpload = z.infer<typeof kioskVisitUpload>;
export const maxKioskSyncItems = 100;
/**
 * Items are checked one by one like `/sync/batch`: a payload that does not parse is rejected alone
 * (status 'rejected'), so one bad item never blocks the kiosk's queue.
 */
/**
 * How far back a kiosk's scans are believed, past the server's own receive time: a kiosk online sends its
 * visits at once (a short grace covers retries); one that was offline declares for how long (`offlineSeconds`,
 * from its oldest queued scan, by its own clock), believed up to a week. Issue 22: a kiosk's scan time was believed as sent,
 * so a code captured and replayed later passed the freshness check against a made-up `scannedAt`.
 */
export const kioskScanWindow = { onlineGraceSeconds: 5, maxOfflineSeconds: 7 * 24 * 3600 } as const;
export const kioskSyncBody = z.object({
  items: z.array(syncItem).check(z.minLength(1), z.maxLength(maxKioskSyncItems)),
  offlineSeconds: z.optional(z.int().check(z.minimum(0))),
});
/**
 * An ID-number lookup, by a licensed kiosk only. `source` says how the number came: `document` read from the
 * card or passport at the door (a PASS logs the visit at once, under `id`, so a retry stores nothing new), or
 * `typed` by staff, only where the operator allowed it (else 403 `typed_id_not_allowed`), whose PASS logs
 * nothing until the staff's tap (`confirmIdLookup`). The ID number is checked by the server too: `invalid_id_number`.
 */
export const lookupSource = z.enum(['document', 'typed']);
export const kioskIdLookupBody = z.object({
  id: checkInId,
  idNumber: z.optional(z.string().check(z.maxLength(32))),
  /** Instead of `idNumber`: the document a door reader read (core/identity/), checked by its type's rule. */
  document: z.optional(z.object({ type: documentType, number: z.string().check(z.maxLength(32)), country: z.optional(z.string().check(z.maxLength(3))) })),
  source: lookupSource,
});
export const ruleClauseKind = z.enum(['code-colour', 'pcr-negative', 'antigen-negative']);
/**
 * All a kiosk learns from a lookup: pass or fail, the masked name and the kinds of the failing clauses; no
 * colour, no test times, no id. A number no one holds answers this same shape (a fail with an empty name and
 * the code-colour clause failing: there is no green code), never a 404 that tells who has an account.
 */
export const kioskLookupStatus = z.object({
  maskedName: z.string(),
  pass: z.boolean(),
  failedClauses: z.array(ruleClauseKind),
});
export type KioskLookupStatus = z.infer<typeof kioskLookupStatus>;
export const kioskIdLookupResponse = z.object({
  status: kioskLookupStatus,
  /** Whether the visit was logged: true for a document read that passed; a typed PASS waits for `confirmIdLookup`. */
  logged: z.boolean(),
});
/**
 * Lookup limits per kiosk, per venue and per owner (all the owner's kiosks), unless the server's
 * KIOSK_LOOKUPS_PER_MINUTE / KIOSK_LOOKUPS_PER_DAY (per kiosk), VENUE_LOOKUPS_PER_DAY, OWNER_LOOKUPS_PER_DAY say otherwise.
 */
export const kioskLookupDefaults = { perMinute: 30, perDay: 1000, perVenueDay: 2000, perOwnerDay: 5000 } as const;
/** How long after a typed lookup passed the staff may confirm the visit. */
export const lookupConfirmMinutes = 5;

export const kioskEndpoints = {
  /**
   * Owner side (citizen session; a venue not the caller's answers 404). Pairing requests a licence: only for
   * an approved venue (403 `venue_unapproved`), and within the venue's and owner's caps (409 `kiosk_cap`).
   */
  pairKiosk: endpoint({ method: 'POST', path: '/venues/:number/kiosks', body: pairKioskBody, response: pairKioskResponse }),
  venueKiosks: endpoint({ method: 'GET', path: '/venues/:number/kiosks', body: undefined, response: z.object({ kiosks: z.array(kiosk) }) }),
  revokeKiosk: endpoint({ method: 'DELETE', path: '/venues/:number/kiosks/:kioskId', body: undefined, response: ok }),
  /** 数字哨兵, kiosk side (`Authorization: Bearer <pairingToken>`, no session). */
  kioskMe: endpoint({ method: 'GET', path: '/kiosk/me', body: undefined, response: kioskMe }),
  kioskSync: endpoint({ method: 'POST', path: '/kiosk/sync', body: kioskSyncBody, response: syncBatchResponse }),
  kioskIdLookup: endpoint({ method: 'POST', path: '/kiosk/id-lookups', body: kioskIdLookupBody, response: kioskIdLookupResponse }),
  /** The staff's tap after a typed lookup passed: logs the visit once (404 for a lookup not this kiosk's, not passed, or too old). */
  confirmIdLookup: endpoint({ method: 'POST', path: '/kiosk/id-lookups/:id/confirm', body: undefined, response: ok }),
} as const;

