/** 数字哨兵, the entrance kiosk: pairing, what a kiosk learns of itself, its visits and its ID-number lookups. */
import * as z from 'zod/mini';
import { documentType } from '../identity/documents.ts';
import { codeColour, endpoint, instant, ok } from './common.ts';
import { syncBatchResponse, syncItem } from './sync.ts';
import { checkInId, venueNumber } from './venues.ts';

/**
 * 数字哨兵 (the entrance kiosk). A venue owner pairs a device as the venue's kiosk and gets a pairing token
 * once (`ssk1.<kioskId>.<secret>`, only its hash is kept); the kiosk sends it as `Authorization: Bearer`
 * on every /kiosk route and can act only for that venue.
 */
export const kioskId = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/));
export const kioskLabel = z.string().check(z.trim(), z.minLength(1, 'label is required'), z.maxLength(32, 'label is at most 32 characters'));
export const kiosk = z.object({
  id: kioskId,
  label: z.string(),
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
  kiosk: z.object({ id: kioskId, label: z.string() }),
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
export const kioskSyncBody = z.object({ items: z.array(syncItem).check(z.minLength(1), z.maxLength(maxKioskSyncItems)) });
/**
 * An ID-number lookup. `id` is client-made: on PASS it becomes the check-in's id, so a retry stores nothing
 * new. The ID number or document is checked (length, check character) by the server too: `invalid_id_number`.
 */
export const kioskIdLookupBody = z.object({
  id: checkInId,
  idNumber: z.optional(z.string().check(z.maxLength(32))),
  /** Instead of `idNumber`: the document a door reader read (core/identity/), checked by its type's rule. */
  document: z.optional(z.object({ type: documentType, number: z.string().check(z.maxLength(32)), country: z.optional(z.string().check(z.maxLength(3))) })),
});
export const ruleClauseKind = z.enum(['code-colour', 'pcr-negative', 'antigen-negative']);
/** All a kiosk learns from a lookup: no id, no phone, no records. `failedClauses` are the kinds of the failing clauses. */
export const kioskLookupStatus = z.object({
  maskedName: z.string(),
  colour: codeColour,
  /** Whole hours since the newest PCR was sampled (whatever its result); null with no PCR on record. */
  pcrAgeHours: z.nullable(z.number()),
  pass: z.boolean(),
  failedClauses: z.array(ruleClauseKind),
});
export type KioskLookupStatus = z.infer<typeof kioskLookupStatus>;
export const kioskIdLookupResponse = z.object({ status: kioskLookupStatus });
/** Per-kiosk lookup limits unless the server's KIOSK_LOOKUPS_PER_MINUTE / KIOSK_LOOKUPS_PER_DAY say otherwise. */
export const kioskLookupDefaults = { perMinute: 30, perDay: 1000 } as const;

export const kioskEndpoints = {
  /** Owner side (citizen session; a venue not the caller's answers 404). */
  pairKiosk: endpoint({ method: 'POST', path: '/venues/:number/kiosks', body: pairKioskBody, response: pairKioskResponse }),
  venueKiosks: endpoint({ method: 'GET', path: '/venues/:number/kiosks', body: undefined, response: z.object({ kiosks: z.array(kiosk) }) }),
  revokeKiosk: endpoint({ method: 'DELETE', path: '/venues/:number/kiosks/:kioskId', body: undefined, response: ok }),
  /** 数字哨兵, kiosk side (`Authorization: Bearer <pairingToken>`, no session). */
  kioskMe: endpoint({ method: 'GET', path: '/kiosk/me', body: undefined, response: kioskMe }),
  kioskSync: endpoint({ method: 'POST', path: '/kiosk/sync', body: kioskSyncBody, response: syncBatchResponse }),
  kioskIdLookup: endpoint({ method: 'POST', path: '/kiosk/id-lookups', body: kioskIdLookupBody, response: kioskIdLookupResponse }),
} as const;

