/** Antigen self-tests: results and their trust, approved kits, the upload's limits and its photo. */
import * as z from 'zod/mini';
import { shanghaiDay } from '../shanghai-time.ts';
import { boundedText, day, endpoint, instant, type ErrorCode } from './common.ts';

export const antigenResult = z.enum(['negative', 'positive', 'invalid']);
export type AntigenResult = z.infer<typeof antigenResult>;
/**
 * How an antigen result was established: by a testing site's feed (机构检测), a self-test whose kit, photo
 * and strip all checked out (自测·已核验), or a self-test that waits for a reviewer (自测·待复核).
 */
export const antigenTrust = z.enum(['institution', 'self-verified', 'self-review']);
export type AntigenTrust = z.infer<typeof antigenTrust>;
/**
 * A reviewer's decision on a self-test that waited for review (`antigen-review` scope). Confirmed, the
 * result's trust becomes self-verified; rejected, it stays self-review and never counts. Either way the
 * declared result is left as the citizen declared it.
 */
export const antigenReviewDecision = z.enum(['confirmed', 'rejected']);
export type AntigenReviewDecision = z.infer<typeof antigenReviewDecision>;
export const antigenReview = z.object({
  decision: antigenReviewDecision,
  at: instant,
  note: z.optional(z.string()),
});
export const antigenTest = z.object({
  id: z.string(),
  testedAt: instant,
  result: antigenResult,
  kit: z.string(),
  lot: z.string(),
  trust: antigenTrust,
  review: z.optional(antigenReview),
});

/**
 * Whether a result counts toward a rule. A self-test waiting for review does not, unless it says
 * positive: what the citizen declared against themselves is never set aside. One a reviewer rejected
 * never counts (only negatives and invalid results are put before a reviewer).
 */
export function antigenCounts(test: Pick<AntigenTest, 'result' | 'trust' | 'review'>): boolean {
  if (test.review?.decision === 'rejected') return false;
  return test.trust !== 'self-review' || test.result === 'positive';
}

/**
 * A GTIN as 14 digits (GTIN-8/12/13 padded with zeros). Its check digit is verified by the form and the
 * server (core/gs1.ts), not here: the panel's first load carries this file and does not need it.
 */
export const gtin = z.string().check(z.trim(), z.regex(/^\d{14}$/, 'GTIN must be 14 digits'));

const share = z.number().check(z.minimum(0), z.maximum(1));
const span = z.tuple([share, share]);

/**
 * A kit's cassette as the strip reader needs it (core/antigen/kit-templates.ts), in shares of the body:
 * `along` its long side from the end its reference photo starts at, `across` its short side. `aspect`
 * is short side / long side; `reference` a grey thumbnail of the upright body (`along` × `across`
 * cells, base64 bytes) that the photo is registered to, as RDTScan configures each kit from one photo.
 */
export const cassetteTemplate = z.object({
  make: z.string().check(z.minLength(1), z.maxLength(60)),
  aspect: z.number().check(z.minimum(0.05), z.maximum(1)),
  window: z.object({ along: span, across: span }),
  lines: z.array(z.object({ name: z.string().check(z.maxLength(8)), role: z.enum(['control', 'test']), along: share })).check(z.minLength(2), z.maxLength(4)),
  well: z.object({ along: share, across: share, radius: share }),
  /** Which way the sample runs along the body from the well: toward a larger or a smaller `along`. */
  flow: z.enum(['increasing', 'decreasing']),
  reference: z.object({ along: z.int(), across: z.int(), grey: z.string().check(z.maxLength(4096)) }),
});
export type CassetteTemplate = z.infer<typeof cassetteTemplate>;

/**
 * Why the strip reader could not verify a photo (core/antigen/kit-reader.ts), one code each, so that every
 * screen can say it in plain words; the numbers behind it (a shape, a fit) go in the reading's `detail`.
 */
export const stripReason = z.enum([
  'no-cassette',
  'cassette-shape',
  'well-end',
  'no-reference',
  'not-this-kit',
  'stray-colour',
  't-without-c',
  'faint-t',
  'no-line',
  'clutter',
  'marks-apart',
  'one-line',
  'no-kit-matches',
  'kits-disagree',
  'not-drawn',
]);
export type StripReason = z.infer<typeof stripReason>;

/**
 * The error codes with which the server refuses a self-test upload (server/services/antigen-checks.ts and
 * the sync handler); the app says each in plain words, and a test holds this list to what the server throws.
 */
export const antigenRefusals = ['kit_unknown', 'kit_expired', 'kit_serial_used', 'photo_reused', 'invalid_body', 'unsupported_media_type', 'bad_request'] as const satisfies readonly ErrorCode[];
export type AntigenRefusal = (typeof antigenRefusals)[number];

/** An antigen kit approved for sale, by the GTIN on its pouch; served like the rule sets and cached offline. */
export const approvedKit = z.object({
  gtin,
  product: z.string().check(z.minLength(1), z.maxLength(80)),
  maker: z.string().check(z.minLength(1), z.maxLength(80)),
  /** Its cassette's geometry; a kit without one is read by the generic reading (strip-reader.ts). */
  template: z.optional(cassetteTemplate),
});
export type ApprovedKit = z.infer<typeof approvedKit>;
export type AntigenTest = z.infer<typeof antigenTest>;

/** Limits of an antigen self-test upload, checked alike by the browser before saving and by the server. */
export const antigenLimits = {
  photoMaxBytes: 300 * 1024,
  photoMaxSide: 1280,
  maxAgeMs: 7 * 24 * 60 * 60 * 1000,
  /** A device clock a little ahead of the server's must not turn a fresh test into a "future" one. */
  clockSkewMs: 2 * 60 * 1000,
  textMaxLength: 40,
} as const;

/** Whether a kit whose pouch says `expiresOn` (a Shanghai day) had expired at `instant`: the day after it, not the day itself. */
export function kitExpiredAt(expiresOn: string, instant: number): boolean {
  return expiresOn < shanghaiDay(instant);
}

/** Why a test time is refused, or null when it is acceptable at `now`. */
export function antigenTimeProblem(testedAt: number, now: number): 'future' | 'old' | null {
  if (testedAt > now + antigenLimits.clockSkewMs) return 'future';
  if (testedAt < now - antigenLimits.maxAgeMs) return 'old';
  return null;
}

const shortText = boundedText(antigenLimits.textMaxLength);
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

/** A cassette photo as stored (JPEG bytes in base64); null once past its retention, or never sent. */
export const storedPhoto = z.nullable(z.object({ type: z.string(), width: z.int(), height: z.int(), base64: z.string() }));

/** Antigen cassette photos are deleted this long after upload; the result itself stays. */
export const antigenPhotoRetentionDays = 30;

export const antigenEndpoints = {
  antigenTests: endpoint({
    method: 'GET',
    path: '/citizens/:citizenId/antigen-tests',
    body: undefined,
    response: z.object({ antigenTests: z.array(antigenTest) }),
  }),
  antigenKits: endpoint({
    method: 'GET',
    path: '/antigen-kits',
    body: undefined,
    response: z.object({ kits: z.array(approvedKit) }),
  }),
} as const;
