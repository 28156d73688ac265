/**
 * The API contract, written once and imported by the client and the server.
 *
 * Every request and response body is a zod schema here (zod/mini: the same checks at a fifth of the
 * bundle size, which matters because the panel must load fast); its TypeScript type is inferred from it,
 * never written by hand. `endpoints` pairs each route with its schemas so that the typed client
 * and the server's route handlers cannot disagree about a body.
 */
import * as z from 'zod/mini';
import { isValidIdNumber } from './id-number.ts';

/** ISO-8601 instant with an explicit offset, e.g. 2022-04-02T08:00:00.000Z. */
export const instant = z.iso.datetime({ offset: true });

/** A calendar day in Asia/Shanghai, e.g. 2022-04-02. */
export const day = z.iso.date();

export const phone = z.string().check(
  z.trim(),
  z.regex(/^1[3-9]\d{9}$/, 'phone must be an 11-digit mainland mobile number'),
);

export const otpCode = z.string().check(z.trim(), z.regex(/^\d{6}$/, 'code must be 6 digits'));

export const codeColour = z.enum(['green', 'yellow', 'red']);
export type CodeColour = z.infer<typeof codeColour>;

export const personName = z.string().check(
  z.trim(),
  z.minLength(1, 'name is required'),
  z.maxLength(30, 'name is at most 30 characters'),
);

export const idNumber = z.string().check(
  z.trim(),
  z.toUpperCase(),
  z.refine(isValidIdNumber, 'ID number must be 18 characters with a valid check character'),
);

export const citizenId = z.string().check(z.regex(/^[a-z0-9-]{1,64}$/));

export const profile = z.object({
  id: citizenId,
  maskedName: z.string(),
  maskedIdNumber: z.string(),
  colour: codeColour,
  colourSince: instant,
});
export type Profile = z.infer<typeof profile>;

export const me = z.object({
  citizen: profile,
  dependants: z.array(profile),
});
export type Me = z.infer<typeof me>;

/**
 * Who is logged in on this device, asked at every start. No session is an answer, not an error: a
 * first visit must not log a failed request in the browser's console.
 */
export const session = z.union([me, z.object({ citizen: z.null() })]);
export type Session = z.infer<typeof session>;

export const vaccination = z.object({
  id: z.string(),
  dose: z.int().check(z.minimum(1)),
  date: day,
  manufacturer: z.string(),
  site: z.string(),
});
export type Vaccination = z.infer<typeof vaccination>;

export const pcrResult = z.enum(['negative', 'positive']);
export const pcrTest = z.object({
  id: z.string(),
  sampledAt: instant,
  reportedAt: z.nullable(instant),
  result: pcrResult,
  institution: z.string(),
});
export type PcrTest = z.infer<typeof pcrTest>;

export const antigenResult = z.enum(['negative', 'positive', 'invalid']);
export type AntigenResult = z.infer<typeof antigenResult>;
/**
 * How an antigen result was established: by a testing site's feed (机构检测), a self-test whose kit, photo
 * and strip all checked out (自测·已核验), or a self-test that waits for a reviewer (自测·待复核).
 */
export const antigenTrust = z.enum(['institution', 'self-verified', 'self-review']);
export type AntigenTrust = z.infer<typeof antigenTrust>;
export const antigenTest = z.object({
  id: z.string(),
  testedAt: instant,
  result: antigenResult,
  kit: z.string(),
  lot: z.string(),
  trust: antigenTrust,
});

/**
 * Whether a result counts toward a rule. A self-test waiting for review does not, unless it says
 * positive: what the citizen declared against themselves is never set aside.
 */
export function antigenCounts(test: Pick<AntigenTest, 'result' | 'trust'>): boolean {
  return test.trust !== 'self-review' || test.result === 'positive';
}

/**
 * A GTIN as 14 digits (GTIN-8/12/13 padded with zeros). Its check digit is verified by the form and the
 * server (core/gs1.ts), not here: the panel's first load carries this file and does not need it.
 */
export const gtin = z.string().check(z.trim(), z.regex(/^\d{14}$/, 'GTIN must be 14 digits'));

/** An antigen kit approved for sale, by the GTIN on its pouch; served like the rule sets and cached offline. */
export const approvedKit = z.object({
  gtin,
  product: z.string().check(z.minLength(1), z.maxLength(80)),
  maker: z.string().check(z.minLength(1), z.maxLength(80)),
});
export type ApprovedKit = z.infer<typeof approvedKit>;
export type AntigenTest = z.infer<typeof antigenTest>;

export const itineraryStop = z.object({
  id: z.string(),
  city: z.string(),
  date: day,
  risk: z.boolean(),
});
export type ItineraryStop = z.infer<typeof itineraryStop>;

/** A clause of a declarative rule set; the rule engine evaluates these, the server only serves them. */
export const ruleClause = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('code-colour'), allowed: z.array(codeColour).check(z.minLength(1)) }),
  z.object({ kind: z.literal('pcr-negative'), maxAgeHours: z.number().check(z.positive()) }),
  z.object({ kind: z.literal('antigen-negative'), maxAgeHours: z.number().check(z.positive()) }),
]);
export type RuleClause = z.infer<typeof ruleClause>;

export const ruleSet = z.object({
  id: z.string().check(z.regex(/^[a-z0-9-]+$/)),
  version: z.int().check(z.minimum(1)),
  title: z.object({ zh: z.string(), en: z.string() }),
  clauses: z.array(ruleClause).check(z.minLength(1)),
});
export type RuleSet = z.infer<typeof ruleSet>;

/** A public ECDSA P-256 signing key as published in the JWK set. */
export const publicJwk = z.object({
  kty: z.literal('EC'),
  crv: z.literal('P-256'),
  x: z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/)),
  y: z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/)),
  kid: z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/)),
  alg: z.literal('ES256'),
  use: z.literal('sig'),
});
export type PublicJwk = z.infer<typeof publicJwk>;
export const jwkSet = z.object({ keys: z.array(publicJwk) });

/** A device's public key, sent when it asks for a credential bound to it. */
export const devicePublicKey = z.object({
  kty: z.literal('EC'),
  crv: z.literal('P-256'),
  x: z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/)),
  y: z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/)),
});
/** `subject` asks for a dependant's credential (亲友码); without it, the caller's own. */
export const credentialBody = z.object({ publicKey: devicePublicKey, subject: z.optional(citizenId) });
/**
 * A signed health credential (see core/crypto/health-code.ts for its payload), as a token (SSM1) and,
 * from servers that issue it, in the compact form (SSM2, core/crypto/compact-code.ts) over the same claims.
 */
export const issuedCredential = z.object({
  credential: z.string().check(z.maxLength(2048)),
  compact: z.optional(z.string().check(z.maxLength(2048))),
  expiresAt: instant,
});
export type IssuedCredential = z.infer<typeof issuedCredential>;

/** How long a printed paper code is accepted; the server signs it, the card and its screen say it. */
export const paperCodeLifetimeDays = 3;
/** Asks for a printable paper code (纸质码) for the caller or a linked dependant. */
export const paperCodeBody = z.object({ subject: citizenId });
/** A paper code's QR text and what the card prints beside it, all taken from the signed claims. */
export const paperCode = z.object({
  code: z.string().check(z.maxLength(2048)),
  maskedName: z.string(),
  maskedIdNumber: z.string(),
  colour: codeColour,
  printedAt: instant,
  validUntil: instant,
});
export type PaperCode = z.infer<typeof paperCode>;

export const demoAccount = z.object({
  phone,
  maskedName: z.string(),
  colour: codeColour,
  note: z.object({ zh: z.string(), en: z.string() }),
});
export type DemoAccount = z.infer<typeof demoAccount>;

export const errorBody = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});
export type ErrorBody = z.infer<typeof errorBody>;

/** Error codes the server may answer with; the client maps each to a message in the user's language. */
export const errorCodes = [
  'bad_request',
  'bad_json',
  'invalid_body',
  'body_too_large',
  'unsupported_media_type',
  'unauthenticated',
  'forbidden',
  'not_found',
  'family_mismatch',
  'family_limit',
  'otp_invalid',
  'otp_expired',
  'too_many_attempts',
  'rate_limited',
  /** Too many wrong login codes for one phone today; `Retry-After` says when the lock ends. */
  'login_locked',
  'invalid_venue_code',
  /** The SMS gateway did not take the one-time code; no code was left behind, the user may ask again. */
  'sms_failed',
  /** An antigen upload without a kit barcode, or whose GTIN is not an approved kit. */
  'kit_unknown',
  /** The kit had expired on the day of the test. */
  'kit_expired',
  /** This kit's serial number was already used for a result (one kit, one result). */
  'kit_serial_used',
  /** The cassette photo is one already uploaded (by anyone), perhaps altered. */
  'photo_reused',
  /** A kiosk route without a pairing token, or with one this server never issued. */
  'kiosk_unauthorized',
  /** The kiosk's pairing was revoked by the venue owner; the device must be paired again. */
  'kiosk_revoked',
  /** A scanned code whose signatures, format or key do not verify (a kiosk visit is then not stored). */
  'kiosk_code_invalid',
  /** A live code whose timestamp is outside the freshness window of its scan time (a screenshot). */
  'kiosk_code_stale',
  /** A credential or paper code that had expired at its scan time, or that the revocation list withdrew. */
  'kiosk_code_expired',
  /** A kiosk visit's scan time lies in the future or is older than the check-in retention. */
  'kiosk_scan_time',
  /** An ID number whose length or check character is wrong. */
  'invalid_id_number',
  /** An ID number of no registered citizen. */
  'kiosk_id_unknown',
  /** The kiosk made too many ID lookups this minute or today; `Retry-After` says when to try again. */
  'kiosk_lookup_limited',
  /** A rule set id that is not among the published rule sets. */
  'rule_set_unknown',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export const requestOtpBody = z.object({ phone });
export const requestOtpResponse = z.object({
  sent: z.literal(true),
  expiresInSeconds: z.int().check(z.positive()),
  /** Present only in demo mode, where there is no SMS gateway. */
  demoCode: z.optional(otpCode),
});

export const loginBody = z.object({ phone, code: otpCode });

export const familyCodeBody = z.object({ name: personName, idNumber });
export const familyCodeResponse = z.object({
  sent: z.literal(true),
  /** Where the code went, masked: the dependant's registered phone. */
  maskedPhone: z.string(),
  expiresInSeconds: z.int().check(z.positive()),
  demoCode: z.optional(otpCode),
});
export const linkDependantBody = z.object({ name: personName, idNumber, code: otpCode });

const ok = z.object({ ok: z.literal(true) });

/** Limits of an antigen self-test upload, checked alike by the browser before saving and by the server. */
export const antigenLimits = {
  photoMaxBytes: 300 * 1024,
  photoMaxSide: 1280,
  maxAgeMs: 7 * 24 * 60 * 60 * 1000,
  /** A device clock a little ahead of the server's must not turn a fresh test into a "future" one. */
  clockSkewMs: 2 * 60 * 1000,
  textMaxLength: 40,
} as const;

/** Why a test time is refused, or null when it is acceptable at `now`. */
export function antigenTimeProblem(testedAt: number, now: number): 'future' | 'old' | null {
  if (testedAt > now + antigenLimits.clockSkewMs) return 'future';
  if (testedAt < now - antigenLimits.maxAgeMs) return 'old';
  return null;
}

const shortText = z.string().check(z.trim(), z.minLength(1), z.maxLength(antigenLimits.textMaxLength));
const photoSide = z.int().check(z.minimum(1), z.maximum(antigenLimits.photoMaxSide));

/** The cassette photo, already shrunk in the browser: JPEG bytes in base64 with what they claim to be. */
export const antigenPhoto = z.object({
  type: z.literal('image/jpeg'),
  width: photoSide,
  height: photoSide,
  bytes: z.int().check(z.minimum(1), z.maximum(antigenLimits.photoMaxBytes)),
  base64: z.string().check(
    z.maxLength(Math.ceil(antigenLimits.photoMaxBytes / 3) * 4),
    z.regex(/^[A-Za-z0-9+/]+={0,2}$/, 'photo must be base64'),
  ),
});
export type AntigenPhoto = z.infer<typeof antigenPhoto>;

/** One self-test as queued in the outbox (kind 'antigen-test') and sent in a sync batch. */
export const antigenUpload = z.object({
  testedAt: instant,
  result: antigenResult,
  kit: shortText,
  lot: shortText,
  photo: antigenPhoto,
  /*
   * The kit's UDI, scanned or typed. Optional in the schema only so that uploads queued by an older app
   * still read; the server refuses an upload without them (kit_unknown).
   */
  gtin: z.optional(gtin),
  serial: z.optional(shortText),
  expiresOn: z.optional(day),
});
export type AntigenUpload = z.infer<typeof antigenUpload>;

/** A queued write: the id is made by the client once, so resending it can never store it twice. */
export const syncItem = z.object({
  id: z.uuid(),
  kind: z.string().check(z.regex(/^[a-z][a-z0-9-]{0,31}$/)),
  payload: z.unknown(),
});
export type SyncItem = z.infer<typeof syncItem>;
/** The most items one sync batch may carry; the client splits its outbox to fit. */
export const maxSyncBatchItems = 50;
export const syncBatchBody = z.object({ items: z.array(syncItem).check(z.minLength(1), z.maxLength(maxSyncBatchItems)) });
export const syncItemStatus = z.enum(['stored', 'duplicate', 'rejected']);
export const syncItemResult = z.object({
  id: z.string(),
  status: syncItemStatus,
  error: z.optional(z.object({ code: z.string(), message: z.string() })),
});
export type SyncItemResult = z.infer<typeof syncItemResult>;
export const syncBatchResponse = z.object({ results: z.array(syncItemResult) });
/** Largest sync batch body; the client splits its queue into batches below it. */
export const maxSyncBatchBytes = 4 * 1024 * 1024;

/** A venue's public number: what a visitor types when the camera cannot read the poster. */
export const venueNumber = z.string().check(z.trim(), z.regex(/^\d{8}$/, 'venue number must be 8 digits'));
export const venueKind = z.enum(['shop', 'restaurant', 'office', 'residence', 'transport', 'hospital', 'other']);
export type VenueKind = z.infer<typeof venueKind>;

/** Longest venue name, district and address, in characters: what a poster and a place code hold. */
export const venueLimits = { name: 40, district: 20, address: 80 } as const;
const venueText = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));

export const registerVenueBody = z.object({
  name: venueText(venueLimits.name),
  district: venueText(venueLimits.district),
  address: venueText(venueLimits.address),
  kind: venueKind,
});

/**
 * What a place code signs, with one-letter keys so the QR stays small. `t` marks the kind of code:
 * a personal health code carries another marker, so one can never pass for the other.
 */
export const venuePayload = z.object({
  t: z.literal('venue'),
  id: venueNumber,
  n: venueText(venueLimits.name),
  d: venueText(venueLimits.district),
  a: venueText(venueLimits.address),
});
export type VenuePayload = z.infer<typeof venuePayload>;

/**
 * The app route a place code points at; the phone's own camera app opens it like any link. The token
 * rides in the query, not the path: its dots would make the path look like a file name to static servers.
 */
export const venueCodePath = '/v';
export const venueCodeParam = 'c';
export function venueCodeRoute(token: string): string {
  return `${venueCodePath}?${venueCodeParam}=${token}`;
}
export function venueCodeUrl(origin: string, token: string): string {
  return `${origin}${venueCodeRoute(token)}`;
}

/** The rule a venue's kiosk applies until its owner chooses another: green code and PCR ≤ 72 h. */
export const defaultVenueRuleSetId = 'venue-entry';

export const venue = z.object({
  number: venueNumber,
  name: z.string(),
  district: z.string(),
  address: z.string(),
  kind: venueKind,
  /** The signed token the poster's URL carries. */
  token: z.string(),
  createdAt: instant,
  /** The published rule set (`/api/rule-sets`) the venue's 数字哨兵 checks visitors against; `defaultVenueRuleSetId` unless chosen. */
  ruleSetId: z.string(),
});
export type Venue = z.infer<typeof venue>;

export const checkInId = z.string().check(z.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'id must be a UUID'));
/** One check-in as queued in the outbox (kind 'check-in'); the outbox item's id becomes the check-in's. */
export const checkInUpload = z.object({ venueToken: z.string().check(z.maxLength(2048)), scannedAt: instant });
export const checkIn = z.object({
  id: checkInId,
  venueNumber,
  venueName: z.string(),
  district: z.string(),
  scannedAt: instant,
  receivedAt: instant,
});
export type CheckIn = z.infer<typeof checkIn>;

/** Check-ins are kept this long, on the device and on the server, and then deleted. */
export const checkInRetentionDays = 14;

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
/** Chooses the rule set the venue's kiosk applies; the id must be one of `/api/rule-sets`. */
export const updateVenueBody = z.object({ ruleSetId: z.string().check(z.trim(), z.minLength(1), z.maxLength(64)) });
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
/** The kiosk outbox's kinds with their payload schemas, as `outboxPayloads` is for a citizen's device. */
export const kioskOutboxPayloads = { [kioskVisitKind]: kioskVisitUpload } as const;
export const maxKioskSyncItems = 100;
/**
 * Items are checked one by one like `/sync/batch`: a payload that does not parse is rejected alone
 * (status 'rejected'), so one bad item never blocks the kiosk's queue.
 */
export const kioskSyncBody = z.object({ items: z.array(syncItem).check(z.minLength(1), z.maxLength(maxKioskSyncItems)) });
/**
 * An ID-number lookup. `id` is client-made: on PASS it becomes the check-in's id, so a retry stores nothing
 * new. The ID number is checked (length, check character) by the server too: `invalid_id_number`.
 */
export const kioskIdLookupBody = z.object({ id: checkInId, idNumber: z.string().check(z.maxLength(32)) });
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

/**
 * What a data provider (a lab, a testing site, the vaccination registry, the itinerary feed, the
 * authority) may send: one NDJSON feed per scope at POST /api/feeds/<scope>, each key granted some of them.
 */
export const feedScopes = ['citizens', 'pcr-results', 'antigen-results', 'vaccinations', 'itinerary', 'colour-decisions'] as const;
export const feedScope = z.enum(feedScopes);
export type FeedScope = z.infer<typeof feedScope>;

/** Longest line a feed may carry, in bytes (UTF-8, without its newline); a longer one is rejected alone. */
export const maxFeedLineBytes = 8 * 1024;

const feedText = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
/** The provider's own id for the record: with the provider and scope, the record's identity. */
const externalId = feedText(128);

/**
 * One line of each feed. Unknown fields are ignored (and so do not make a line count as changed); a
 * person is matched by their ID number, check character verified.
 */
export const feedLines = {
  citizens: z.object({
    externalId,
    idNumber,
    name: personName,
    /** Absent for someone without a phone of their own, who is then shown by a linked guardian. */
    phone: z.optional(z.nullable(phone)),
    guardianIdNumber: z.optional(idNumber),
  }),
  'pcr-results': z.object({ externalId, idNumber, sampledAt: instant, reportedAt: instant, result: pcrResult, institution: feedText(80) }),
  'antigen-results': z.object({
    externalId,
    idNumber,
    testedAt: instant,
    result: z.enum(['negative', 'positive']),
    institution: feedText(80),
    kit: z.optional(feedText(40)),
    lot: z.optional(feedText(40)),
  }),
  vaccinations: z.object({
    externalId,
    idNumber,
    dose: z.int().check(z.minimum(1), z.maximum(10)),
    vaccinatedAt: day,
    product: feedText(40),
    institution: feedText(80),
  }),
  itinerary: z.object({ externalId, idNumber, city: feedText(40), arrivedAt: instant, risk: z.boolean() }),
  'colour-decisions': z.object({ externalId, idNumber, colour: codeColour, reason: feedText(200), decidedAt: instant }),
} as const satisfies Record<FeedScope, z.ZodMiniType>;
/** One line of feed S; for a union of scopes, a union of lines (not the intersection zod's infer would give). */
export type FeedLine<S extends FeedScope> = { [K in FeedScope]: z.infer<(typeof feedLines)[K]> }[S];

/** Why one line of a feed was not stored; the other lines are not affected. */
export const feedRejectionCode = z.enum([
  'malformed_json',
  'line_too_long',
  'invalid_field',
  'future_date',
  'unknown_citizen',
  'unknown_guardian',
  'phone_taken',
  'not_stored',
]);
export type FeedRejectionCode = z.infer<typeof feedRejectionCode>;

/** The rejected list names at most this many lines; `summary.rejected` counts them all. */
export const maxListedRejections = 1000;

export const feedResult = z.object({
  summary: z.object({ stored: z.int(), updated: z.int(), unchanged: z.int(), rejected: z.int() }),
  rejected: z.array(z.object({ line: z.int(), code: feedRejectionCode, message: z.string() })),
});
export type FeedResult = z.infer<typeof feedResult>;

/** `list` is a signed token whose payload is `revocationPayload` (core/crypto/revocation-list.ts). */
export const revocationList = z.object({ list: z.string() });
export type RevocationList = z.infer<typeof revocationList>;
/**
 * The access log (PIPL art. 45): every read of a citizen's records by anyone but themselves. Who read
 * (`actor`: a linked guardian, a data provider correcting a record, a kiosk looking up an ID number),
 * why (`purpose`) and what (`data`); the citizen sees it on the 查询记录 screen, newest first.
 */
export const accessActorKind = z.enum(['guardian', 'provider', 'kiosk']);
export type AccessActorKind = z.infer<typeof accessActorKind>;
export const accessPurpose = z.enum(['family', 'correction', 'id-lookup']);
export type AccessPurpose = z.infer<typeof accessPurpose>;
export const accessedData = z.enum(['profile', 'vaccinations', 'pcr-tests', 'antigen-tests', 'itinerary', 'health-code', 'paper-code', 'colour']);
export type AccessedData = z.infer<typeof accessedData>;
export const accessLogEntry = z.object({
  id: z.string(),
  at: instant,
  /** `label` is what the citizen is shown: a guardian's masked name, a provider's or a venue's name. */
  actor: z.object({ kind: accessActorKind, label: z.string() }),
  purpose: accessPurpose,
  data: accessedData,
});
export type AccessLogEntry = z.infer<typeof accessLogEntry>;
/** The 查询记录 screen shows this many entries at most, the newest; the export holds them all. */
export const accessLogPageSize = 200;

const linkedPerson = z.object({ id: citizenId, maskedName: z.string(), linkedAt: instant });

/** 导出我的数据: everything the server holds about the citizen, in one JSON document (PIPL art. 45). */
export const myDataFormat = 'suishen-my-data/1';
export const myData = z.object({
  format: z.literal(myDataFormat),
  exportedAt: instant,
  citizen: z.object({
    id: citizenId,
    name: z.string(),
    idNumber: z.string(),
    phone: z.nullable(z.string()),
    colour: codeColour,
    colourSince: instant,
  }),
  vaccinations: z.array(vaccination),
  pcrTests: z.array(pcrTest),
  antigenTests: z.array(
    z.extend(antigenTest, {
      uploadedAt: instant,
      /** The cassette photo as stored (JPEG bytes in base64); null once past its 30 days, or never sent. */
      photo: z.nullable(z.object({ type: z.string(), width: z.int(), height: z.int(), base64: z.string() })),
    }),
  ),
  itinerary: z.array(itineraryStop),
  checkIns: z.array(checkIn),
  colourHistory: z.array(
    z.object({ colour: codeColour, previousColour: codeColour, reason: z.string(), effectiveAt: instant, recordedAt: instant, provider: z.string() }),
  ),
  accessLog: z.array(accessLogEntry),
  family: z.object({ guardians: z.array(linkedPerson), dependants: z.array(linkedPerson) }),
  venues: z.array(venue),
  /** Every line data providers sent about the citizen, as stored (its current version). */
  providerRecords: z.array(
    z.object({ provider: z.string(), scope: z.string(), externalId: z.string(), version: z.int(), receivedAt: instant, content: z.unknown() }),
  ),
});
export type MyData = z.infer<typeof myData>;

/** Antigen cassette photos are deleted this long after upload; the result itself stays. */
export const antigenPhotoRetentionDays = 30;

export const deleteAccountBody = z.object({ code: otpCode });

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface EndpointDefinition<P extends string, B extends z.ZodMiniType | undefined, R extends z.ZodMiniType> {
  method: Method;
  /** Path under /api with `:param` placeholders; kept literal so the client can type its params. */
  path: P;
  body: B;
  response: R;
}

function endpoint<const P extends string, B extends z.ZodMiniType | undefined, R extends z.ZodMiniType>(
  definition: EndpointDefinition<P, B, R>,
): EndpointDefinition<P, B, R> {
  return definition;
}

export const endpoints = {
  demoAccounts: endpoint({
    method: 'GET',
    path: '/demo/accounts',
    body: undefined,
    response: z.object({ accounts: z.array(demoAccount) }),
  }),
  requestOtp: endpoint({ method: 'POST', path: '/auth/otp', body: requestOtpBody, response: requestOtpResponse }),
  login: endpoint({ method: 'POST', path: '/auth/login', body: loginBody, response: me }),
  logout: endpoint({ method: 'POST', path: '/auth/logout', body: undefined, response: ok }),
  me: endpoint({ method: 'GET', path: '/me', body: undefined, response: me }),
  session: endpoint({ method: 'GET', path: '/session', body: undefined, response: session }),
  requestFamilyCode: endpoint({ method: 'POST', path: '/family/code', body: familyCodeBody, response: familyCodeResponse }),
  linkDependant: endpoint({ method: 'POST', path: '/family/links', body: linkDependantBody, response: profile }),
  unlinkDependant: endpoint({ method: 'DELETE', path: '/family/links/:citizenId', body: undefined, response: ok }),
  vaccinations: endpoint({
    method: 'GET',
    path: '/citizens/:citizenId/vaccinations',
    body: undefined,
    response: z.object({ vaccinations: z.array(vaccination) }),
  }),
  pcrTests: endpoint({
    method: 'GET',
    path: '/citizens/:citizenId/pcr-tests',
    body: undefined,
    response: z.object({ pcrTests: z.array(pcrTest) }),
  }),
  antigenTests: endpoint({
    method: 'GET',
    path: '/citizens/:citizenId/antigen-tests',
    body: undefined,
    response: z.object({ antigenTests: z.array(antigenTest) }),
  }),
  itinerary: endpoint({
    method: 'GET',
    path: '/citizens/:citizenId/itinerary',
    body: undefined,
    response: z.object({ stops: z.array(itineraryStop) }),
  }),
  credential: endpoint({ method: 'POST', path: '/credential', body: credentialBody, response: issuedCredential }),
  paperCode: endpoint({ method: 'POST', path: '/paper-code', body: paperCodeBody, response: paperCode }),
  registerVenue: endpoint({ method: 'POST', path: '/venues', body: registerVenueBody, response: z.object({ venue }) }),
  myVenues: endpoint({ method: 'GET', path: '/venues', body: undefined, response: z.object({ venues: z.array(venue) }) }),
  venueByNumber: endpoint({ method: 'GET', path: '/venues/:number', body: undefined, response: z.object({ venue }) }),
  checkIns: endpoint({ method: 'GET', path: '/check-ins', body: undefined, response: z.object({ checkIns: z.array(checkIn) }) }),
  signingKeys: endpoint({ method: 'GET', path: '/keys', body: undefined, response: jwkSet }),
  syncBatch: endpoint({ method: 'POST', path: '/sync/batch', body: syncBatchBody, response: syncBatchResponse }),
  /** A provider's NDJSON feed (application/x-ndjson, one `feedLines[scope]` object a line), Bearer key. */
  postFeed: endpoint({ method: 'POST', path: '/feeds/:scope', body: undefined, response: feedResult }),
  /**
   * The signed revocation list (core/crypto/revocation-list.ts), whole or, with `?since=<version>`, what
   * changed after that version; public, like the keys it is checked with.
   */
  revocations: endpoint({ method: 'GET', path: '/revocations', body: undefined, response: revocationList }),
  accessLog: endpoint({ method: 'GET', path: '/me/access-log', body: undefined, response: z.object({ entries: z.array(accessLogEntry) }) }),
  exportMyData: endpoint({ method: 'GET', path: '/me/export', body: undefined, response: myData }),
  /** A fresh one-time code to the account's phone (masked as for 亲友码), purpose `account-deletion`: the only way to delete it. */
  requestDeletionCode: endpoint({ method: 'POST', path: '/account/deletion-code', body: undefined, response: familyCodeResponse }),
  deleteAccount: endpoint({ method: 'POST', path: '/account/delete', body: deleteAccountBody, response: ok }),
  ruleSets: endpoint({
    method: 'GET',
    path: '/rule-sets',
    body: undefined,
    response: z.object({ ruleSets: z.array(ruleSet) }),
  }),
  antigenKits: endpoint({
    method: 'GET',
    path: '/antigen-kits',
    body: undefined,
    response: z.object({ kits: z.array(approvedKit) }),
  }),
  /** 数字哨兵, owner side (citizen session; a venue not the caller's answers 404). */
  updateVenue: endpoint({ method: 'PATCH', path: '/venues/:number', body: updateVenueBody, response: z.object({ venue }) }),
  pairKiosk: endpoint({ method: 'POST', path: '/venues/:number/kiosks', body: pairKioskBody, response: pairKioskResponse }),
  venueKiosks: endpoint({ method: 'GET', path: '/venues/:number/kiosks', body: undefined, response: z.object({ kiosks: z.array(kiosk) }) }),
  revokeKiosk: endpoint({ method: 'DELETE', path: '/venues/:number/kiosks/:kioskId', body: undefined, response: ok }),
  /** 数字哨兵, kiosk side (`Authorization: Bearer <pairingToken>`, no session). */
  kioskMe: endpoint({ method: 'GET', path: '/kiosk/me', body: undefined, response: kioskMe }),
  kioskSync: endpoint({ method: 'POST', path: '/kiosk/sync', body: kioskSyncBody, response: syncBatchResponse }),
  kioskIdLookup: endpoint({ method: 'POST', path: '/kiosk/id-lookups', body: kioskIdLookupBody, response: kioskIdLookupResponse }),
} as const;

export type Endpoints = typeof endpoints;
export type EndpointName = keyof Endpoints;
export type ResponseOf<N extends EndpointName> = z.infer<Endpoints[N]['response']>;
export type BodyOf<N extends EndpointName> =
  Endpoints[N]['body'] extends z.ZodMiniType ? z.input<Endpoints[N]['body']> : undefined;

/** Largest JSON body the API accepts; photos (later) have their own limit. */
export const maxJsonBodyBytes = 64 * 1024;

/**
 * The kinds of queued write a device's outbox may hold, each with its payload schema: the client queues
 * them under these names and the server's sync handlers are keyed by them, so neither side spells a kind by hand.
 */
export const outboxPayloads = {
  'check-in': checkInUpload,
  'antigen-test': antigenUpload,
} as const;
export type OutboxKindName = keyof typeof outboxPayloads;
