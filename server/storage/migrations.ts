/**
 * Versioned schema migrations for both engines, run by Kysely's migrator at start (recorded in its
 * `kysely_migration` table; on PostgreSQL a lock keeps two nodes from migrating at once). Each moves the
 * schema one step; never edit a shipped migration: add one.
 *
 * Every table a citizen owns has the citizen's id first in its primary key, so a distributed PostgreSQL
 * (Citus) can shard it by citizen id and keep each person's rows on one node (docs/scaling.md).
 * On PostgreSQL check-ins are partitioned by day, so retention drops whole days (storage/check-ins.ts).
 */
import { sql, type Kysely, type Migration } from 'kysely';
import { authority } from './migrations-authority.ts';
import { familyLinkEvents } from './migrations-family.ts';
import { identityDocuments } from './migrations-identity.ts';
import { revocationIndex } from './migrations-revocations.ts';
import { photoHashBands } from './migrations-scale.ts';

/** Engine-specific column types; everything else is written once. */
export interface Dialect {
  engine: 'sqlite' | 'postgres';
}

function bytesType(dialect: Dialect) {
  return dialect.engine === 'postgres' ? 'bytea' : 'blob';
}

/* The migrator hands migrations an untyped database: tables are being made, not read. */
type AnyDb = Kysely<unknown>;

function citizenOwned(db: AnyDb, table: string) {
  return db.schema
    .createTable(table)
    .ifNotExists()
    .addColumn('citizen_id', 'text', (col) => col.notNull().references('citizens.id'))
    .addColumn('id', 'text', (col) => col.notNull());
}

async function initial(db: AnyDb, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('citizens')
    .ifNotExists()
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('phone', 'text', (col) => col.unique())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('id_number', 'text', (col) => col.notNull().unique())
    .addColumn('colour', 'text', (col) => col.notNull().check(sql`colour IN ('green', 'yellow', 'red')`))
    .addColumn('colour_since', 'text', (col) => col.notNull())
    .addColumn('guardian_id', 'text', (col) => col.references('citizens.id'))
    .addColumn('demo_order', 'integer')
    .addColumn('demo_note_zh', 'text')
    .addColumn('demo_note_en', 'text')
    .execute();

  await citizenOwned(db, 'vaccinations')
    .addColumn('dose', 'integer', (col) => col.notNull())
    .addColumn('date', 'text', (col) => col.notNull())
    .addColumn('manufacturer', 'text', (col) => col.notNull())
    .addColumn('site', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('vaccinations_pk', ['citizen_id', 'id'])
    .execute();
  await citizenOwned(db, 'pcr_tests')
    .addColumn('sampled_at', 'text', (col) => col.notNull())
    .addColumn('reported_at', 'text')
    .addColumn('result', 'text', (col) => col.notNull().check(sql`result IN ('negative', 'positive')`))
    .addColumn('institution', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('pcr_tests_pk', ['citizen_id', 'id'])
    .execute();
  await db.schema.createIndex('pcr_tests_sampled').ifNotExists().on('pcr_tests').columns(['citizen_id', 'sampled_at']).execute();
  await citizenOwned(db, 'antigen_tests')
    .addColumn('tested_at', 'text', (col) => col.notNull())
    .addColumn('result', 'text', (col) => col.notNull().check(sql`result IN ('negative', 'positive', 'invalid')`))
    .addColumn('kit', 'text', (col) => col.notNull())
    .addColumn('lot', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('antigen_tests_pk', ['citizen_id', 'id'])
    .execute();
  await db.schema.createIndex('antigen_tests_tested').ifNotExists().on('antigen_tests').columns(['citizen_id', 'tested_at']).execute();
  await citizenOwned(db, 'itinerary_stops')
    .addColumn('city', 'text', (col) => col.notNull())
    .addColumn('date', 'text', (col) => col.notNull())
    .addColumn('risk', 'integer', (col) => col.notNull().check(sql`risk IN (0, 1)`))
    .addPrimaryKeyConstraint('itinerary_stops_pk', ['citizen_id', 'id'])
    .execute();

  await db.schema
    .createTable('otp_codes')
    .ifNotExists()
    .addColumn('phone', 'text', (col) => col.primaryKey())
    .addColumn('code_hash', 'text', (col) => col.notNull())
    .addColumn('expires_at', 'bigint', (col) => col.notNull())
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('issued_at', 'bigint', (col) => col.notNull())
    .execute();
  await db.schema
    .createTable('sessions')
    .ifNotExists()
    .addColumn('token_hash', 'text', (col) => col.primaryKey())
    .addColumn('citizen_id', 'text', (col) => col.notNull().references('citizens.id'))
    .addColumn('expires_at', 'bigint', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('sessions_expiry').ifNotExists().on('sessions').column('expires_at').execute();
  await db.schema
    .createTable('rule_sets')
    .ifNotExists()
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('body', 'text', (col) => col.notNull())
    .execute();
  await db.schema
    .createTable('signing_keys')
    .ifNotExists()
    .addColumn('kid', 'text', (col) => col.primaryKey())
    .addColumn('private_jwk', 'text', (col) => col.notNull())
    .addColumn('public_jwk', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema
    .createTable('family_links')
    .ifNotExists()
    .addColumn('guardian_id', 'text', (col) => col.notNull().references('citizens.id'))
    .addColumn('dependant_id', 'text', (col) => col.notNull().references('citizens.id'))
    .addColumn('linked_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('family_links_pk', ['guardian_id', 'dependant_id'])
    .execute();
  await db.schema.createIndex('family_links_dependant').ifNotExists().on('family_links').column('dependant_id').execute();

  // Keyed by the client-made id alone: an id is spent once across all citizens, so one citizen's item can
  // never be mistaken for another's. (On Citus this is the one table distributed by its own id.)
  await db.schema
    .createTable('sync_items')
    .ifNotExists()
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('citizen_id', 'text', (col) => col.notNull().references('citizens.id'))
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('received_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema
    .createTable('antigen_photos')
    .ifNotExists()
    .addColumn('citizen_id', 'text', (col) => col.notNull())
    .addColumn('test_id', 'text', (col) => col.notNull())
    .addColumn('content_type', 'text', (col) => col.notNull())
    .addColumn('width', 'integer', (col) => col.notNull())
    .addColumn('height', 'integer', (col) => col.notNull())
    .addColumn('bytes', sql.raw(bytesType(dialect)), (col) => col.notNull())
    .addPrimaryKeyConstraint('antigen_photos_pk', ['citizen_id', 'test_id'])
    .addForeignKeyConstraint('antigen_photos_test', ['citizen_id', 'test_id'], 'antigen_tests', ['citizen_id', 'id'])
    .execute();

  await db.schema
    .createTable('venues')
    .ifNotExists()
    .addColumn('number', 'text', (col) => col.primaryKey())
    .addColumn('owner_id', 'text', (col) => col.notNull().references('citizens.id'))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('district', 'text', (col) => col.notNull())
    .addColumn('address', 'text', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('token', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('venues_owner').ifNotExists().on('venues').columns(['owner_id', 'created_at']).execute();

  // A check-in's id is unique through sync_items (one row per client-made id, written in the same
  // transaction); the day it was scanned is part of the key because PostgreSQL partitions by it.
  const checkIns = db.schema
    .createTable('check_ins')
    .ifNotExists()
    .addColumn('citizen_id', 'text', (col) => col.notNull())
    .addColumn('id', 'text', (col) => col.notNull())
    .addColumn('venue_number', 'text', (col) => col.notNull())
    .addColumn('venue_name', 'text', (col) => col.notNull())
    .addColumn('district', 'text', (col) => col.notNull())
    .addColumn('scanned_at', 'text', (col) => col.notNull())
    .addColumn('received_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('check_ins_pk', ['citizen_id', 'id', 'scanned_at']);
  if (dialect.engine === 'postgres') {
    await checkIns.modifyEnd(sql`PARTITION BY RANGE (scanned_at)`).execute();
    // Rows for days without a partition of their own (late syncs of old scans) land here.
    await sql`CREATE TABLE IF NOT EXISTS check_ins_default PARTITION OF check_ins DEFAULT`.execute(db);
  } else {
    await checkIns.execute();
  }
  await db.schema.createIndex('check_ins_scanned').ifNotExists().on('check_ins').column('scanned_at').execute();
  await db.schema.createIndex('check_ins_venue').ifNotExists().on('check_ins').columns(['venue_number', 'scanned_at']).execute();
}

/** Data providers (labs, registries, the authority) and the hashes of their API keys. */
async function providers(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('providers')
    .addColumn('name', 'text', (col) => col.primaryKey())
    .addColumn('key_hash', 'text', (col) => col.notNull().unique())
    .addColumn('scopes', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('revoked_at', 'text')
    .execute();
}

/** What providers sent, by (provider, scope, external id), and the versions corrections replaced. */
async function feedRecords(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('feed_records')
    .addColumn('provider', 'text', (col) => col.notNull().references('providers.name'))
    .addColumn('scope', 'text', (col) => col.notNull())
    .addColumn('external_id', 'text', (col) => col.notNull())
    .addColumn('version', 'integer', (col) => col.notNull())
    .addColumn('citizen_id', 'text', (col) => col.notNull().references('citizens.id'))
    .addColumn('record_id', 'text', (col) => col.notNull())
    .addColumn('content_hash', 'text', (col) => col.notNull())
    .addColumn('content', 'text', (col) => col.notNull())
    .addColumn('received_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('feed_records_pk', ['provider', 'scope', 'external_id'])
    .execute();
  await db.schema
    .createTable('feed_record_history')
    .addColumn('provider', 'text', (col) => col.notNull())
    .addColumn('scope', 'text', (col) => col.notNull())
    .addColumn('external_id', 'text', (col) => col.notNull())
    .addColumn('version', 'integer', (col) => col.notNull())
    .addColumn('citizen_id', 'text', (col) => col.notNull())
    .addColumn('content', 'text', (col) => col.notNull())
    .addColumn('received_at', 'text', (col) => col.notNull())
    .addColumn('replaced_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('feed_record_history_pk', ['provider', 'scope', 'external_id', 'version'])
    .execute();
}

/** The history of every citizen's code colour, keyed by citizen first like every table a citizen owns. */
async function colourChanges(db: AnyDb): Promise<void> {
  await citizenOwned(db, 'colour_changes')
    .addColumn('colour', 'text', (col) => col.notNull().check(sql`colour IN ('green', 'yellow', 'red')`))
    .addColumn('previous_colour', 'text', (col) => col.notNull())
    .addColumn('reason', 'text', (col) => col.notNull())
    .addColumn('effective_at', 'text', (col) => col.notNull())
    .addColumn('recorded_at', 'text', (col) => col.notNull())
    .addColumn('provider', 'text', (col) => col.notNull())
    .addColumn('scope', 'text', (col) => col.notNull())
    .addColumn('external_id', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('colour_changes_pk', ['citizen_id', 'id'])
    .execute();
  await db.schema.createIndex('colour_changes_effective').on('colour_changes').columns(['citizen_id', 'effective_at']).execute();
}

/**
 * What the revocation list is read from: changes by when they were recorded (a verifier asks for those
 * after its version), and the salt its entries are hashed with, made once for the deployment.
 */
async function revocations(db: AnyDb): Promise<void> {
  await db.schema.createIndex('colour_changes_recorded').on('colour_changes').columns(['recorded_at']).execute();
  await db.schema
    .createTable('revocation_salt')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('salt', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();
}

/**
 * Login-code counters that every node shares (services/login-limits.ts): one row per key and window,
 * counted up in the same statement that checks the limit. And when a signing key stopped signing, so
 * that its public half is published only as long as something it signed may still be presented.
 */
async function hardening(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('login_throttle')
    .addColumn('key', 'text', (col) => col.notNull())
    .addColumn('window_end', 'bigint', (col) => col.notNull())
    .addColumn('count', 'integer', (col) => col.notNull())
    .addPrimaryKeyConstraint('login_throttle_pk', ['key', 'window_end'])
    .execute();
  await db.schema.createIndex('login_throttle_end').on('login_throttle').column('window_end').execute();
  await db.schema.alterTable('signing_keys').addColumn('retired_at', 'text').execute();
}

/**
 * The access log: who read a citizen's records, other than the citizen. Append-only: the services add rows
 * and nothing updates one; rows go only with the citizen's account.
 */
async function accessLog(db: AnyDb): Promise<void> {
  await citizenOwned(db, 'access_log')
    .addColumn('at', 'text', (col) => col.notNull())
    .addColumn('actor_kind', 'text', (col) => col.notNull().check(sql`actor_kind IN ('guardian', 'provider', 'kiosk')`))
    .addColumn('actor_id', 'text', (col) => col.notNull())
    .addColumn('actor_label', 'text', (col) => col.notNull())
    .addColumn('purpose', 'text', (col) => col.notNull())
    .addColumn('data', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('access_log_pk', ['citizen_id', 'id'])
    .execute();
  await db.schema.createIndex('access_log_at').on('access_log').columns(['citizen_id', 'at']).execute();
}

/**
 * The trusted antigen self-test: how each result was established, the approved kits, every kit serial
 * used, and the hashes of cassette photos. Results stored before this were taken on trust: a provider's
 * stay 机构检测, a self-upload waits for review. Kit uses are keyed by the kit, not the citizen, because
 * a serial is spent for everyone (a distributed PostgreSQL keeps this table as a reference table).
 */
async function antigenTrust(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable('antigen_tests')
    .addColumn('trust', 'text', (col) => col.notNull().defaultTo('self-review').check(sql`trust IN ('institution', 'self-verified', 'self-review')`))
    .execute();
  await sql`UPDATE antigen_tests SET trust = 'institution' WHERE EXISTS (SELECT 1 FROM feed_records f WHERE f.scope = 'antigen-results' AND f.citizen_id = antigen_tests.citizen_id AND f.record_id = antigen_tests.id)`.execute(db);
  await db.schema.createTable('antigen_kits').addColumn('gtin', 'text', (col) => col.primaryKey()).addColumn('body', 'text', (col) => col.notNull()).execute();
  await db.schema
    .createTable('antigen_kit_uses')
    .addColumn('gtin', 'text', (col) => col.notNull())
    .addColumn('serial', 'text', (col) => col.notNull())
    .addColumn('citizen_id', 'text', (col) => col.notNull())
    .addColumn('test_id', 'text', (col) => col.notNull())
    .addColumn('used_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('antigen_kit_uses_pk', ['gtin', 'serial'])
    .execute();
  await db.schema
    .createTable('antigen_photo_hashes')
    .addColumn('citizen_id', 'text', (col) => col.notNull())
    .addColumn('test_id', 'text', (col) => col.notNull())
    .addColumn('hash', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('antigen_photo_hashes_pk', ['citizen_id', 'test_id'])
    .execute();
  await db.schema.createIndex('antigen_photo_hashes_created').on('antigen_photo_hashes').column('created_at').execute();
}

/**
 * 数字哨兵: the devices paired as a venue's entrance kiosk, each holding only the hash of its pairing token,
 * and the rule set the venue's kiosk checks visitors against. A kiosk belongs to its venue and goes with
 * it; its lookups are counted in login_throttle, whose windows every node shares.
 */
async function kiosks(db: AnyDb): Promise<void> {
  await db.schema.alterTable('venues').addColumn('rule_set_id', 'text', (col) => col.notNull().defaultTo('venue-entry')).execute();
  await db.schema
    .createTable('kiosks')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('venue_number', 'text', (col) => col.notNull().references('venues.number'))
    .addColumn('label', 'text', (col) => col.notNull())
    .addColumn('token_hash', 'text', (col) => col.notNull().unique())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('last_seen_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('kiosks_venue').on('kiosks').columns(['venue_number', 'created_at']).execute();
  // Every ID-number lookup a kiosk made, also of numbers no one holds (which have no citizen's access log to
  // go to): the ID number itself is never kept, only whose it was when someone holds it.
  await db.schema
    .createTable('kiosk_lookups')
    .addColumn('kiosk_id', 'text', (col) => col.notNull())
    .addColumn('id', 'text', (col) => col.notNull())
    .addColumn('venue_number', 'text', (col) => col.notNull())
    .addColumn('at', 'text', (col) => col.notNull())
    .addColumn('citizen_id', 'text')
    .addColumn('outcome', 'text', (col) => col.notNull().check(sql`outcome IN ('pass', 'fail', 'unknown')`))
    .addPrimaryKeyConstraint('kiosk_lookups_pk', ['kiosk_id', 'id'])
    .execute();
  await db.schema.createIndex('kiosk_lookups_citizen').on('kiosk_lookups').column('citizen_id').execute();
}

/**
 * A reviewer's decision on a self-test that waited for review (services/antigen-reviews.ts): what was
 * decided, by which provider, when, with an optional note. The declared result is never touched; a
 * confirmation also raises `trust` to self-verified in the same statement. The index finds the queue.
 */
async function antigenReview(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable('antigen_tests')
    .addColumn('review_decision', 'text', (col) => col.check(sql`review_decision IN ('confirmed', 'rejected')`))
    .execute();
  await db.schema.alterTable('antigen_tests').addColumn('review_note', 'text').execute();
  await db.schema.alterTable('antigen_tests').addColumn('reviewed_by', 'text').execute();
  await db.schema.alterTable('antigen_tests').addColumn('reviewed_at', 'text').execute();
  await db.schema.createIndex('antigen_tests_review').on('antigen_tests').columns(['trust', 'review_decision', 'created_at']).execute();
}

/**
 * The print of each cassette photo (services/photo-match.ts): a small grey thumbnail laid on the kit,
 * about 1.3 KB of base64, which tells a reused photo from a new one of the same make where the hashes
 * cannot. In the hashes' row, so retention and account deletion treat it as they treat the hashes.
 */
async function photoPrints(db: AnyDb): Promise<void> {
  await db.schema.alterTable('antigen_photo_hashes').addColumn('print', 'text').execute();
}

export function migrations(dialect: Dialect): Record<string, Migration> {
  return {
    '0001-initial': { up: (db) => initial(db, dialect) },
    '0002-providers': { up: providers },
    '0003-feed-records': { up: feedRecords },
    '0004-colour-changes': { up: colourChanges },
    '0005-revocations': { up: revocations },
    '0006-hardening': { up: hardening },
    '0007-access-log': { up: accessLog },
    '0008-antigen-trust': { up: antigenTrust },
    '0009-kiosks': { up: kiosks },
    '0010-antigen-review': { up: antigenReview },
    '0011-photo-match': { up: photoPrints },
    '0012-authority': { up: (db) => authority(db, dialect) },
    '0017-photo-hash-bands': { up: photoHashBands },
    '0020-identity-documents': { up: (db) => identityDocuments(db, dialect) },
    '0021-family-link-events': { up: familyLinkEvents },
    '0022-revocation-index': { up: revocationIndex },
  };
}
