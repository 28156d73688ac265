/**
 * What every part of the API contract builds on: instants and days, the person fields, error bodies and
 * codes, and `endpoint`, which pairs a route with its schemas so that the typed client and the server's
 * handlers cannot disagree about a body. zod/mini: the same checks at a fifth of the bundle size.
 */
import * as z from 'zod/mini';
import { isValidIdNumber } from '../identity/check-digits.ts';

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
  // A passport's Latin name runs longer than a Chinese one: the MRZ has 39 characters for it, TD1 30.
  z.maxLength(60, 'name is at most 60 characters'),
);

export const idNumber = z.string().check(
  z.trim(),
  z.toUpperCase(),
  z.refine(isValidIdNumber, 'ID number must be 18 characters with a valid check character'),
);

export const citizenId = z.string().check(z.regex(/^[a-z0-9-]{1,64}$/));
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
  /** Kiosks are for approved venues only (docs/authority.md). */
  'venue_unapproved',
  /** The kiosk has no licence (requested, suspended or revoked): it may not log visits or look anyone up. */
  'kiosk_unlicensed',
  /** Licensing (or requesting) this kiosk would pass the venue's or owner's cap. */
  'kiosk_cap',
  /** Typed ID numbers are not enabled for this kiosk: read the document. */
  'typed_id_not_allowed',
  /** The passkey's answer did not verify, or the sign-in step it belongs to is over. */
  'passkey_invalid',
  /** A rule set id that is not among the published rule sets. */
  'rule_set_unknown',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export const ok = z.object({ ok: z.literal(true) });

/** A refused parse in one line, `path: message`, for error bodies, feed rejections and logs alike. */
export function issueText(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }, fallback: string): string {
  const issue = error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ` : '';
  return `${where}${issue?.message ?? fallback}`;
}

/** Text trimmed, required and at most `max` characters: what every free-text field of the contract is. */
export const boundedText = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));

/** An operator's or reviewer's note on a decision: optional, trimmed, at most 200 characters. */
export const reviewNote = z.optional(z.string().check(z.trim(), z.maxLength(200)));

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface EndpointDefinition<P extends string, B extends z.ZodMiniType | undefined, R extends z.ZodMiniType> {
  method: Method;
  /** Path under /api with `:param` placeholders; kept literal so the client can type its params. */
  path: P;
  body: B;
  response: R;
}

export function endpoint<const P extends string, B extends z.ZodMiniType | undefined, R extends z.ZodMiniType>(
  definition: EndpointDefinition<P, B, R>,
): EndpointDefinition<P, B, R> {
  return definition;
}


/** Largest JSON body the API accepts; photos (later) have their own limit. */
export const maxJsonBodyBytes = 64 * 1024;
