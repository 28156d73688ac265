/**
 * The database's tables as Kysely sees them: one typed schema for both engines. Times are ISO-8601 text
 * (UTC, so text order is time order) and instants in milliseconds are integers; both engines store them alike.
 */
import type { ColumnType, Generated } from 'kysely';
import type { AccessActorKind, AccessedData, AccessPurpose } from '../../core/contract/account.ts';
import type { CodeColour } from '../../core/contract/common.ts';
import type { DocumentType } from '../../core/identity/documents.ts';
import type { VenueKind } from '../../core/contract/venues.ts';

export interface CitizensTable {
  id: string;
  phone: string | null;
  name: string;
  /** The document's number (a resident ID's before migration 0020). */
  id_number: string;
  document_type: DocumentType;
  /** A passport's issuing state, '' for every other document. */
  document_country: string;
  colour: CodeColour;
  colour_since: string;
  guardian_id: string | null;
  demo_order: number | null;
  demo_note_zh: string | null;
  demo_note_en: string | null;
}

export interface VaccinationsTable {
  citizen_id: string;
  id: string;
  dose: number;
  date: string;
  manufacturer: string;
  site: string;
}

export interface PcrTestsTable {
  citizen_id: string;
  id: string;
  sampled_at: string;
  reported_at: string | null;
  result: 'negative' | 'positive';
  institution: string;
}

export interface AntigenTestsTable {
  citizen_id: string;
  id: string;
  tested_at: string;
  result: 'negative' | 'positive' | 'invalid';
  kit: string;
  lot: string;
  trust: 'institution' | 'self-verified' | 'self-review';
  created_at: string;
  /** A reviewer's decision on a self-test that waited for review; null until there is one. */
  review_decision: ColumnType<'confirmed' | 'rejected' | null, 'confirmed' | 'rejected' | null | undefined, 'confirmed' | 'rejected' | null>;
  review_note: ColumnType<string | null, string | null | undefined, string | null>;
  /** The reviewing provider's name. */
  reviewed_by: ColumnType<string | null, string | null | undefined, string | null>;
  reviewed_at: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ItineraryStopsTable {
  citizen_id: string;
  id: string;
  city: string;
  date: string;
  risk: number;
}

export interface OtpCodesTable {
  phone: string;
  code_hash: string;
  expires_at: number;
  attempts: number;
  issued_at: number;
}

export interface SessionsTable {
  token_hash: string;
  citizen_id: string;
  expires_at: number;
}

export interface RuleSetsTable {
  id: string;
  body: string;
}

export interface SigningKeysTable {
  kid: string;
  private_jwk: string;
  public_jwk: string;
  created_at: string;
  /** When a newer key took over signing; null for the key that signs now. */
  retired_at: ColumnType<string | null, string | null | undefined, string | null>;
}

/** A login-code counter: how many of something one phone or address did in the window ending at `window_end`. */
export interface LoginThrottleTable {
  key: string;
  window_end: number;
  count: number;
}

export interface FamilyLinksTable {
  guardian_id: string;
  dependant_id: string;
  linked_at: string;
}

/** One change of a family link (storage/citizens.ts); never updated. */
export interface FamilyLinkEventsTable {
  /** The dependant's id: the link is to her records. */
  citizen_id: string;
  id: string;
  at: string;
  guardian_id: string;
  /** Linked by the guardian, unlinked by him, or left by the dependant. */
  change: FamilyLinkChange;
}
export type FamilyLinkChange = 'linked' | 'unlinked' | 'left';

export interface SyncItemsTable {
  citizen_id: string;
  id: string;
  kind: string;
  received_at: string;
}

export interface AntigenPhotosTable {
  citizen_id: string;
  test_id: string;
  content_type: string;
  width: number;
  height: number;
  bytes: Buffer;
}

/** Approved antigen kits by GTIN, stored as the contract's JSON like rule sets. */
export interface AntigenKitsTable {
  gtin: string;
  body: string;
}

/** One row per kit serial ever used for a result: one kit, one result, whoever uploads it. */
export interface AntigenKitUsesTable {
  gtin: string;
  serial: string;
  citizen_id: string;
  test_id: string;
  used_at: string;
}

/** The perceptual hash of each cassette photo, kept for the retention period to catch a photo used again. */
export interface AntigenPhotoHashesTable {
  citizen_id: string;
  test_id: string;
  hash: string;
  /** A small grey thumbnail laid on the cassette (server/services/photo-match.ts), base64; null before 0011 or when no cassette was found. */
  print: string | null;
  created_at: string;
  /** The hashes cut into 24-bit bands (storage/photo-bands.ts, migration 0017), each indexed; kit bands null without a kit hash. */
  scene_band_0: number | null;
  scene_band_1: number | null;
  scene_band_2: number | null;
  scene_band_3: number | null;
  scene_band_4: number | null;
  scene_band_5: number | null;
  kit_band_0: number | null;
  kit_band_1: number | null;
  kit_band_2: number | null;
  kit_band_3: number | null;
  kit_band_4: number | null;
  kit_band_5: number | null;
}

export interface VenuesTable {
  number: string;
  owner_id: string;
  name: string;
  district: string;
  address: string;
  kind: VenueKind;
  token: string;
  created_at: string;
  /** The rule set the venue's kiosk applies (0009-kiosks). */
  rule_set_id: Generated<string>;
  /** The authority's review (0012-authority): pending until an operator decides. */
  status: Generated<'pending' | 'approved' | 'refused'>;
  reviewed_by: Generated<string | null>;
  reviewed_at: Generated<string | null>;
  review_note: Generated<string | null>;
}

/** A device paired as a venue's 数字哨兵 (0009-kiosks). */
export interface KiosksTable {
  id: string;
  venue_number: string;
  label: string;
  /** SHA-256 of the pairing token, hex: the token itself is shown once and never stored. */
  token_hash: string;
  created_at: string;
  last_seen_at: string | null;
  revoked_at: string | null;
  /** The authority's licence (0012-authority); `revoked_at` above is the owner unpairing the device. */
  licence: Generated<'requested' | 'licensed' | 'suspended' | 'revoked'>;
  typed_id_allowed: Generated<number>;
  licensed_at: Generated<string | null>;
}

/** One ID-number lookup by a kiosk (0009-kiosks); `citizen_id` null for a number no one holds, or once that account is deleted. */
export interface KioskLookupsTable {
  kiosk_id: string;
  id: string;
  venue_number: string;
  at: string;
  citizen_id: string | null;
  outcome: 'pass' | 'fail' | 'unknown';
  /** How the number came (0012-authority): read from the document, or typed by staff; null before 0012. */
  source: Generated<'document' | 'typed' | null>;
  /** When the staff confirmed a typed PASS as a visit. */
  confirmed_at: Generated<string | null>;
}

/** An operator of the health commission (0012-authority). */
export interface OperatorsTable {
  id: string;
  phone: string;
  name: string;
  role: 'district-operator' | 'city-admin';
  district: string | null;
  created_at: string;
}

/** An operator's WebAuthn credential; `id` is the credential id, base64url. */
export interface OperatorPasskeysTable {
  id: string;
  operator_id: string;
  public_key: Buffer;
  counter: number;
  /** JSON array of transports the authenticator named. */
  transports: string;
  created_at: string;
  last_used_at: string | null;
}

export interface OperatorSessionsTable {
  token_hash: string;
  operator_id: string;
  stage: 'passkey' | 'full';
  challenge: string | null;
  expires_at: number;
}

/** One operator action; rows are never updated or deleted (triggers refuse it). */
export interface OperatorAuditTable {
  id: string;
  at: string;
  operator_id: string;
  operator_name: string;
  action: string;
  target: string;
  detail: string | null;
}

export interface CheckInsTable {
  citizen_id: string;
  id: string;
  venue_number: string;
  venue_name: string;
  district: string;
  scanned_at: string;
  received_at: string;
}

export interface ProvidersTable {
  name: string;
  /** SHA-256 of the API key, hex: the key itself is shown once and never stored. */
  key_hash: string;
  /** The feed scopes granted, comma-separated. */
  scopes: string;
  created_at: string;
  revoked_at: string | null;
}

/** The current version of every record a provider sent, under its identity (provider, scope, external id). */
export interface FeedRecordsTable {
  provider: string;
  scope: string;
  external_id: string;
  version: number;
  /** Whose record it is, and its id in the record table of the scope (a citizen's own id for the citizens feed). */
  citizen_id: string;
  record_id: string;
  /** SHA-256 of the normalised line: the same line again changes nothing. */
  content_hash: string;
  content: string;
  received_at: string;
}

/** Every version a correction replaced, with when it was replaced. */
export interface FeedRecordHistoryTable {
  provider: string;
  scope: string;
  external_id: string;
  version: number;
  citizen_id: string;
  content: string;
  received_at: string;
  replaced_at: string;
}

/** Every time a citizen's code colour was set by a provider: when, by whom, why, from what to what. */
export interface ColourChangesTable {
  citizen_id: string;
  id: string;
  colour: CodeColour;
  previous_colour: CodeColour;
  /** 'positive-result' for a positive test, else the authority's reason. */
  reason: string;
  /** The time the change counts from: a decision's decidedAt, or when a positive result arrived. */
  effective_at: string;
  recorded_at: string;
  provider: string;
  scope: string;
  external_id: string;
}

export interface RevocationSaltTable {
  /** Always 'current': one salt for the deployment. */
  id: string;
  salt: string;
  created_at: string;
}

/** One read of a citizen's records by someone else (services/access-log.ts); never updated. */
export interface AccessLogTable {
  /** Whose records were read. */
  citizen_id: string;
  id: string;
  at: string;
  actor_kind: AccessActorKind;
  /** The guardian's citizen id, the provider's name, the kiosk's venue number. */
  actor_id: string;
  /** What the citizen is shown for the actor, fixed at the time of the read. */
  actor_label: string;
  purpose: AccessPurpose;
  data: AccessedData;
}

export interface Schema {
  citizens: CitizensTable;
  vaccinations: VaccinationsTable;
  pcr_tests: PcrTestsTable;
  antigen_tests: AntigenTestsTable;
  itinerary_stops: ItineraryStopsTable;
  otp_codes: OtpCodesTable;
  sessions: SessionsTable;
  rule_sets: RuleSetsTable;
  signing_keys: SigningKeysTable;
  family_links: FamilyLinksTable;
  family_link_events: FamilyLinkEventsTable;
  sync_items: SyncItemsTable;
  antigen_photos: AntigenPhotosTable;
  antigen_kits: AntigenKitsTable;
  antigen_kit_uses: AntigenKitUsesTable;
  antigen_photo_hashes: AntigenPhotoHashesTable;
  venues: VenuesTable;
  check_ins: CheckInsTable;
  providers: ProvidersTable;
  feed_records: FeedRecordsTable;
  feed_record_history: FeedRecordHistoryTable;
  colour_changes: ColourChangesTable;
  revocation_salt: RevocationSaltTable;
  access_log: AccessLogTable;
  login_throttle: LoginThrottleTable;
  kiosks: KiosksTable;
  kiosk_lookups: KioskLookupsTable;
  operators: OperatorsTable;
  operator_passkeys: OperatorPasskeysTable;
  operator_sessions: OperatorSessionsTable;
  operator_audit: OperatorAuditTable;
}
