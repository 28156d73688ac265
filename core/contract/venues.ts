/** Venues, their signed place codes (场所码) and the check-ins made by scanning them. */
import * as z from 'zod/mini';
import { boundedText, endpoint, instant } from './common.ts';

/** A venue's public number: what a visitor types when the camera cannot read the poster. */
export const venueNumber = z.string().check(z.trim(), z.regex(/^\d{8}$/, 'venue number must be 8 digits'));
export const venueKind = z.enum(['shop', 'restaurant', 'office', 'residence', 'transport', 'hospital', 'other']);
export type VenueKind = z.infer<typeof venueKind>;

/** Longest venue name, district and address, in characters: what a poster and a place code hold. */
export const venueLimits = { name: 40, district: 20, address: 80 } as const;

export const registerVenueBody = z.object({
  name: boundedText(venueLimits.name),
  district: boundedText(venueLimits.district),
  address: boundedText(venueLimits.address),
  kind: venueKind,
});

/**
 * What a place code signs, with one-letter keys so the QR stays small. `t` marks the kind of code:
 * a personal health code carries another marker, so one can never pass for the other.
 */
export const venuePayload = z.object({
  t: z.literal('venue'),
  id: venueNumber,
  n: boundedText(venueLimits.name),
  d: boundedText(venueLimits.district),
  a: boundedText(venueLimits.address),
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

/**
 * Where the authority's review of a registration stands (docs/authority.md). A pending venue's place code
 * checks visitors in, shown 未核实 (unverified); only an approved venue may have kiosks.
 */
export const venueStatus = z.enum(['pending', 'approved', 'refused']);
export type VenueStatus = z.infer<typeof venueStatus>;

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
  status: venueStatus,
  /** True only once an operator approved the venue: what 未核实 is shown from. */
  verified: z.boolean(),
});
export type Venue = z.infer<typeof venue>;

/**
 * A venue as its owner sees it, in their own list only: with the operator's reason when it was refused (absent
 * when none was given). `venueByNumber`, which any citizen may ask, never carries it.
 */
export const ownedVenue = z.extend(venue, { refusalReason: z.optional(z.string()) });
export type OwnedVenue = z.infer<typeof ownedVenue>;

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

/** Chooses the rule set the venue's kiosk applies; the id must be one of `/api/rule-sets`. */
export const updateVenueBody = z.object({ ruleSetId: boundedText(64) });

export const venueEndpoints = {
  registerVenue: endpoint({ method: 'POST', path: '/venues', body: registerVenueBody, response: z.object({ venue }) }),
  myVenues: endpoint({ method: 'GET', path: '/venues', body: undefined, response: z.object({ venues: z.array(ownedVenue) }) }),
  venueByNumber: endpoint({ method: 'GET', path: '/venues/:number', body: undefined, response: z.object({ venue }) }),
  checkIns: endpoint({ method: 'GET', path: '/check-ins', body: undefined, response: z.object({ checkIns: z.array(checkIn) }) }),
  /** The rule the venue's 数字哨兵 checks (citizen session; a venue not the caller's answers 404). */
  updateVenue: endpoint({ method: 'PATCH', path: '/venues/:number', body: updateVenueBody, response: z.object({ venue }) }),
} as const;
