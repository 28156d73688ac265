/**
 * Versioned schema migrations. Each entry moves the database from version N-1 to N and runs once,
 * inside a transaction, recorded in SQLite's `user_version`. Never edit a shipped migration: add one.
 */
export const migrations: readonly string[] = [
  // 1: citizens, their health records, one-time codes and sessions.
  `
  CREATE TABLE citizens (
    id TEXT PRIMARY KEY,
    phone TEXT UNIQUE,
    name TEXT NOT NULL,
    id_number TEXT NOT NULL UNIQUE,
    colour TEXT NOT NULL CHECK (colour IN ('green', 'yellow', 'red')),
    colour_since TEXT NOT NULL,
    guardian_id TEXT REFERENCES citizens(id),
    demo_order INTEGER,
    demo_note_zh TEXT,
    demo_note_en TEXT
  );
  CREATE TABLE vaccinations (
    id TEXT PRIMARY KEY,
    citizen_id TEXT NOT NULL REFERENCES citizens(id),
    dose INTEGER NOT NULL,
    date TEXT NOT NULL,
    manufacturer TEXT NOT NULL,
    site TEXT NOT NULL
  );
  CREATE INDEX vaccinations_citizen ON vaccinations(citizen_id);
  CREATE TABLE pcr_tests (
    id TEXT PRIMARY KEY,
    citizen_id TEXT NOT NULL REFERENCES citizens(id),
    sampled_at TEXT NOT NULL,
    reported_at TEXT,
    result TEXT NOT NULL CHECK (result IN ('negative', 'positive')),
    institution TEXT NOT NULL
  );
  CREATE INDEX pcr_tests_citizen ON pcr_tests(citizen_id, sampled_at);
  CREATE TABLE antigen_tests (
    id TEXT PRIMARY KEY,
    citizen_id TEXT NOT NULL REFERENCES citizens(id),
    tested_at TEXT NOT NULL,
    result TEXT NOT NULL CHECK (result IN ('negative', 'positive', 'invalid')),
    kit TEXT NOT NULL,
    lot TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE INDEX antigen_tests_citizen ON antigen_tests(citizen_id, tested_at);
  CREATE TABLE itinerary_stops (
    id TEXT PRIMARY KEY,
    citizen_id TEXT NOT NULL REFERENCES citizens(id),
    city TEXT NOT NULL,
    date TEXT NOT NULL,
    risk INTEGER NOT NULL CHECK (risk IN (0, 1))
  );
  CREATE INDEX itinerary_citizen ON itinerary_stops(citizen_id, date);
  CREATE TABLE otp_codes (
    phone TEXT PRIMARY KEY,
    code_hash TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    issued_at INTEGER NOT NULL
  );
  CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    citizen_id TEXT NOT NULL REFERENCES citizens(id),
    expires_at INTEGER NOT NULL
  );
  CREATE TABLE rule_sets (
    id TEXT PRIMARY KEY,
    body TEXT NOT NULL
  );
  `,
  // 2: the server's ECDSA signing keys; the newest signs, all stay published so old codes verify.
  `
  CREATE TABLE signing_keys (
    kid TEXT PRIMARY KEY,
    private_jwk TEXT NOT NULL,
    public_jwk TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  `,
  // 3: family links (亲友码): whom a citizen has linked in the app, after a verification step.
  `
  CREATE TABLE family_links (
    guardian_id TEXT NOT NULL REFERENCES citizens(id),
    dependant_id TEXT NOT NULL REFERENCES citizens(id),
    linked_at TEXT NOT NULL,
    PRIMARY KEY (guardian_id, dependant_id)
  );
  CREATE INDEX family_links_dependant ON family_links(dependant_id);
  `,
  // 4: writes synced from devices' outboxes (each client-made id once), and antigen cassette photos.
  `
  CREATE TABLE sync_items (
    id TEXT PRIMARY KEY,
    citizen_id TEXT NOT NULL REFERENCES citizens(id),
    kind TEXT NOT NULL,
    received_at TEXT NOT NULL
  );
  CREATE TABLE antigen_photos (
    test_id TEXT PRIMARY KEY REFERENCES antigen_tests(id),
    content_type TEXT NOT NULL,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    bytes BLOB NOT NULL
  );
  `,
  // 5: venues with their place codes, and citizens' check-ins (kept 14 days, keyed by the client's id).
  `
  CREATE TABLE venues (
    number TEXT PRIMARY KEY,
    owner_id TEXT NOT NULL REFERENCES citizens(id),
    name TEXT NOT NULL,
    district TEXT NOT NULL,
    address TEXT NOT NULL,
    kind TEXT NOT NULL,
    token TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE INDEX venues_owner ON venues(owner_id, created_at);
  CREATE TABLE check_ins (
    id TEXT PRIMARY KEY,
    citizen_id TEXT NOT NULL REFERENCES citizens(id),
    venue_number TEXT NOT NULL,
    venue_name TEXT NOT NULL,
    district TEXT NOT NULL,
    scanned_at TEXT NOT NULL,
    received_at TEXT NOT NULL
  );
  CREATE INDEX check_ins_citizen ON check_ins(citizen_id, scanned_at);
  CREATE INDEX check_ins_scanned ON check_ins(scanned_at);
  `,
];
