PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE _sqlx_migrations (
    version BIGINT PRIMARY KEY,
    description TEXT NOT NULL,
    installed_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    success BOOLEAN NOT NULL,
    checksum BLOB NOT NULL,
    execution_time BIGINT NOT NULL
);
INSERT INTO _sqlx_migrations VALUES(1,'catalog','2026-11-24 02:01:02',1,X'8cada4bf166685054dd76239468d3fa2d8a5d8feb3d50b483e5c38e310f33c0a2a8fe3665cc18d82b9167090716fd04c',3401793);
INSERT INTO _sqlx_migrations VALUES(2,'identity','2026-11-24 02:01:02',1,X'a48a4cb71543d74c3025d51b6b0b0330a973b60e33d65e1f3b947b53b019cb3fe2486fab06e9a4326b4cfa5a48f5195f',647171);
INSERT INTO _sqlx_migrations VALUES(3,'passkeys','2026-11-24 02:01:02',1,X'9aaca75ebdb2f38963c14fbcb314c1109e9c080afa52e3c33fdb36312e4cd5f7edde7e97d075b5f59ec4eddc6bff2348',639249);
INSERT INTO _sqlx_migrations VALUES(4,'procedure forms','2026-11-24 02:01:02',1,X'45b71b5f480982af66853823293b0be33f30e7033d0cd9ccebc27aea3cbc5f523f16efa0aabb1b9218c28bd4814d8522',262039);
INSERT INTO _sqlx_migrations VALUES(5,'dossiers','2026-11-24 02:01:02',1,X'0b903568589949c49ca42f246576298508490d18146c8ceba2f9252358454abfd8543062c3e1aeb9205eab51a08a8bdf',681953);
INSERT INTO _sqlx_migrations VALUES(7,'dossier answers','2026-11-24 02:01:02',1,X'39f08e96b963cf1893925205c476af21f72c0fd941d972e0f59831e0a0d08aac0cda6ac2390cfdc1f25e58e8999127d9',545290);
INSERT INTO _sqlx_migrations VALUES(8,'refresh successor','2026-11-24 02:01:02',1,X'5c70a8fea1ffe87544a90ae2bf1d8d57e5a0f3e1b76c76723005bd5a76000aa60a9a84d6d76ed28e34466dcc12fcc61b',403700);
INSERT INTO _sqlx_migrations VALUES(9,'reports','2026-11-24 02:01:02',1,X'33a44056ed5e0a0000c98787026f06e3b01bdd352b8646c91fc5c62be1f3a872b142eb3e34065c32a907447fdab572fb',747621);
INSERT INTO _sqlx_migrations VALUES(10,'payments','2026-11-24 02:01:02',1,X'de21448953fc25ceb97b51c8f96b68b88dc90f494f94fea4d284968ffd4f7770e23cf37b15b6e9e60545a6f525332703',466893);
INSERT INTO _sqlx_migrations VALUES(11,'device grant and assist','2026-11-24 02:01:02',1,X'6095538358bc257581e25652a8751bf936cb80ada1148b61ff2a7db8035c4785765805674794576563218a90eb76b3ea',941679);
CREATE TABLE procedures (
    id                 TEXT PRIMARY KEY NOT NULL,
    seq                INTEGER NOT NULL UNIQUE,
    -- 1 once the procedure is withdrawn: it stays here as a tombstone for the feed.
    retired            INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
    field              TEXT NOT NULL,
    level              TEXT NOT NULL,
    name_vi            TEXT NOT NULL,
    name_en            TEXT NOT NULL,
    agency_vi          TEXT NOT NULL,
    agency_en          TEXT NOT NULL,
    processing_days    INTEGER NOT NULL CHECK (processing_days >= 0),
    fee_vnd            INTEGER NOT NULL CHECK (fee_vnd >= 0),
    online_level       TEXT NOT NULL,
    -- JSON array of {"vi","en"}: always read and written whole, never queried inside.
    required_documents TEXT NOT NULL,
    updated_at         TEXT NOT NULL
, form TEXT);
CREATE TABLE citizens (
    id                  TEXT PRIMARY KEY NOT NULL,
    eid_issuer          TEXT NOT NULL,
    eid_subject         TEXT NOT NULL,
    personal_id_number  TEXT NOT NULL,
    full_name           TEXT NOT NULL,
    birth_date          TEXT,
    address             TEXT,
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL, webauthn_user_id TEXT,
    UNIQUE (eid_issuer, eid_subject)
);
CREATE TABLE sign_in_requests (
    id              TEXT PRIMARY KEY NOT NULL,
    client_id       TEXT NOT NULL,
    redirect_uri    TEXT NOT NULL,
    app_state       TEXT,
    code_challenge  TEXT NOT NULL,
    scope           TEXT NOT NULL,
    -- What we sent the e-ID, to check what comes back (state, nonce, PKCE verifier).
    upstream_state     TEXT UNIQUE,
    upstream_nonce     TEXT,
    upstream_verifier  TEXT,
    expires_at      INTEGER NOT NULL
, citizen_id TEXT REFERENCES citizens (id), ceremony TEXT);
CREATE TABLE authorization_codes (
    code_hash       TEXT PRIMARY KEY NOT NULL,
    client_id       TEXT NOT NULL,
    redirect_uri    TEXT NOT NULL,
    code_challenge  TEXT NOT NULL,
    scope           TEXT NOT NULL,
    citizen_id      TEXT NOT NULL REFERENCES citizens (id),
    expires_at      INTEGER NOT NULL,
    used_at         INTEGER,
    -- The tokens this code was exchanged for: revoked if the code is ever replayed.
    family_id       TEXT
);
CREATE TABLE token_families (
    id              TEXT PRIMARY KEY NOT NULL,
    citizen_id      TEXT NOT NULL REFERENCES citizens (id),
    client_id       TEXT NOT NULL,
    scope           TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    revoked_at      INTEGER,
    revoked_reason  TEXT
, expires_at INTEGER, actor_id TEXT REFERENCES citizens (id));
CREATE TABLE refresh_tokens (
    token_hash      TEXT PRIMARY KEY NOT NULL,
    family_id       TEXT NOT NULL REFERENCES token_families (id),
    expires_at      INTEGER NOT NULL,
    used_at         INTEGER
, replaced_by TEXT, withdrawn_at INTEGER);
CREATE TABLE access_tokens (
    token_hash      TEXT PRIMARY KEY NOT NULL,
    family_id       TEXT NOT NULL REFERENCES token_families (id),
    expires_at      INTEGER NOT NULL
);
CREATE TABLE passkeys (
    -- base64url of the credential id the authenticator chose.
    credential_id   TEXT PRIMARY KEY NOT NULL,
    citizen_id      TEXT NOT NULL REFERENCES citizens (id),
    -- webauthn-rs's `Passkey` as JSON: the public key and the signature counter. No secret.
    passkey         TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    last_used_at    INTEGER
);
CREATE TABLE attachments (
    sha256      TEXT PRIMARY KEY NOT NULL CHECK (length(sha256) = 64),
    file_type   TEXT NOT NULL,
    size        INTEGER NOT NULL CHECK (size > 0),
    created_at  TEXT NOT NULL
);
CREATE TABLE attachment_owners (
    sha256      TEXT NOT NULL REFERENCES attachments (sha256),
    citizen_id  TEXT NOT NULL REFERENCES citizens (id),
    PRIMARY KEY (sha256, citizen_id)
);
CREATE TABLE officers (
    id          TEXT PRIMARY KEY NOT NULL,
    name        TEXT NOT NULL,
    agency_vi   TEXT NOT NULL,
    token_hash  TEXT NOT NULL UNIQUE,
    created_at  TEXT NOT NULL
);
INSERT INTO officers VALUES('o_naQtHVunPKEOQWEKhsys6j','Lê Văn Tâm','Ủy ban nhân dân cấp xã','6024cf0d911cc1ea3e4584e10800ac9d7ae5edae497f9b3b36cf0d358f5f8ed9','2026-11-24T02:01:02.17803153Z');
CREATE TABLE dossiers (
    id              TEXT PRIMARY KEY NOT NULL,
    -- Mã hồ sơ: H57.<field prefix>-<yymmdd>-<number of the day>.
    code            TEXT NOT NULL UNIQUE,
    citizen_id      TEXT NOT NULL REFERENCES citizens (id),
    procedure_id    TEXT NOT NULL REFERENCES procedures (id),
    -- The procedure's names and agency as they were at submission: a later rename of the
    -- procedure does not rewrite what the resident applied for.
    procedure_vi    TEXT NOT NULL,
    procedure_en    TEXT NOT NULL,
    agency_vi       TEXT NOT NULL,
    agency_en       TEXT NOT NULL,
    form_values     TEXT NOT NULL,
    status          TEXT NOT NULL,
    submitted_at    TEXT NOT NULL,
    due_date        TEXT NOT NULL,
    -- The client's Idempotency-Key and a hash of the request it came with: a repeat with the same
    -- request gets this dossier back, one with a different request is refused.
    idempotency_key TEXT NOT NULL,
    request_sha256  TEXT NOT NULL,
    -- The result document the agency attached (the certificate, the permit), once there is one.
    result_sha256   TEXT REFERENCES attachments (sha256),
    -- Every change takes the next seq: what the app's dossier feed counts, as for the catalogue.
    seq             INTEGER NOT NULL UNIQUE,
    UNIQUE (citizen_id, idempotency_key)
);
CREATE TABLE dossier_events (
    dossier_id  TEXT NOT NULL REFERENCES dossiers (id),
    position    INTEGER NOT NULL,
    status      TEXT NOT NULL,
    at          TEXT NOT NULL,
    message     TEXT,
    -- Who moved it (NULL for the receipt, which the system records): the audit trail.
    officer_id  TEXT REFERENCES officers (id), by_resident INTEGER NOT NULL DEFAULT 0, attachments TEXT,
    PRIMARY KEY (dossier_id, position)
);
CREATE TABLE dossier_attachments (
    dossier_id  TEXT NOT NULL REFERENCES dossiers (id),
    field       TEXT NOT NULL,
    sha256      TEXT NOT NULL REFERENCES attachments (sha256),
    PRIMARY KEY (dossier_id, field, sha256)
);
CREATE TABLE dossier_answers (
    citizen_id      TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    request_sha256  TEXT NOT NULL,
    dossier_id      TEXT NOT NULL REFERENCES dossiers (id),
    PRIMARY KEY (citizen_id, idempotency_key)
);
CREATE TABLE reports (
    id              TEXT PRIMARY KEY NOT NULL,
    -- Mã phản ánh: PA-<yymmdd>-<number of the day>.
    code            TEXT NOT NULL UNIQUE,
    -- NULL for a report that came through Open311 (no resident account behind it).
    citizen_id      TEXT REFERENCES citizens (id),
    category        TEXT NOT NULL,
    category_vi     TEXT NOT NULL,
    category_en     TEXT NOT NULL,
    title           TEXT NOT NULL,
    description     TEXT NOT NULL,
    lat             REAL,
    lon             REAL,
    address         TEXT,
    public          INTEGER NOT NULL CHECK (public IN (0, 1)),
    area_code       TEXT,
    area_vi         TEXT,
    area_en         TEXT,
    agency_vi       TEXT NOT NULL,
    agency_en       TEXT NOT NULL,
    status          TEXT NOT NULL,
    submitted_at    TEXT NOT NULL,
    due_at          TEXT NOT NULL,
    -- When it was last resolved: the public feed's order, and the start of the reopening window.
    resolved_at     TEXT,
    rating          INTEGER CHECK (rating BETWEEN 1 AND 5),
    -- 'app' or 'open311'; an Open311 client's contact details (JSON), which only officers see.
    source          TEXT NOT NULL,
    contact         TEXT,
    idempotency_key TEXT NOT NULL,
    request_sha256  TEXT NOT NULL,
    -- Every change takes the next seq: what the resident's report feed counts.
    seq             INTEGER NOT NULL UNIQUE,
    CHECK ((lat IS NULL) = (lon IS NULL)),
    CHECK (lat IS NOT NULL OR address IS NOT NULL),
    UNIQUE (citizen_id, idempotency_key)
);
CREATE TABLE report_photos (
    report_id   TEXT NOT NULL REFERENCES reports (id),
    position    INTEGER NOT NULL,
    sha256      TEXT NOT NULL REFERENCES attachments (sha256),
    file_name   TEXT NOT NULL,
    PRIMARY KEY (report_id, position)
);
CREATE TABLE report_events (
    report_id   TEXT NOT NULL REFERENCES reports (id),
    position    INTEGER NOT NULL,
    status      TEXT NOT NULL,
    at          TEXT NOT NULL,
    message     TEXT,
    by_resident INTEGER NOT NULL DEFAULT 0,
    -- The "after" photo an officer attached on resolving.
    photo       TEXT REFERENCES attachments (sha256),
    -- Who moved it (NULL for receipt and the resident's own steps): the audit trail.
    officer_id  TEXT REFERENCES officers (id),
    PRIMARY KEY (report_id, position)
);
CREATE TABLE report_actions (
    citizen_id      TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    request_sha256  TEXT NOT NULL,
    report_id       TEXT NOT NULL REFERENCES reports (id),
    PRIMARY KEY (citizen_id, idempotency_key)
);
CREATE TABLE invoices (
    -- What a transfer's content carries back and what the gateway calls the order.
    reference       TEXT PRIMARY KEY NOT NULL,
    dossier_id      TEXT NOT NULL REFERENCES dossiers (id),
    citizen_id      TEXT NOT NULL REFERENCES citizens (id),
    -- 1 for the first invoice of a dossier, 2 for its first reissue, …
    issue_number    INTEGER NOT NULL CHECK (issue_number >= 1),
    amount_vnd      INTEGER NOT NULL CHECK (amount_vnd > 0),
    payer           TEXT NOT NULL,
    payee_vi        TEXT NOT NULL,
    payee_en        TEXT NOT NULL,
    description_vi  TEXT NOT NULL,
    description_en  TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('unpaid', 'paid', 'held', 'reissued')),
    issued_at       TEXT NOT NULL,
    expires_at      TEXT NOT NULL,
    -- The VietQR payload as issued: the account it names is the one the money was asked into.
    vietqr          TEXT NOT NULL,
    UNIQUE (dossier_id, issue_number)
);
CREATE TABLE payments (
    id                  INTEGER PRIMARY KEY,
    invoice_reference   TEXT NOT NULL REFERENCES invoices (reference),
    method              TEXT NOT NULL CHECK (method IN ('gateway', 'bank-transfer')),
    -- The gateway's or the bank's number: the same transaction notified twice is recorded once.
    transaction_no      TEXT NOT NULL,
    amount_vnd          INTEGER NOT NULL CHECK (amount_vnd > 0),
    paid_at             TEXT NOT NULL,
    outcome             TEXT NOT NULL CHECK (outcome IN ('accepted', 'held')),
    hold_reason         TEXT,
    receipt_number      TEXT UNIQUE,
    UNIQUE (method, transaction_no),
    CHECK ((outcome = 'accepted') = (receipt_number IS NOT NULL))
);
CREATE TABLE payment_notifications (
    id              INTEGER PRIMARY KEY,
    received_at     TEXT NOT NULL,
    channel         TEXT NOT NULL CHECK (channel IN ('gateway', 'bank-transfer')),
    reference       TEXT,
    transaction_no  TEXT,
    amount_vnd      INTEGER,
    verdict         TEXT NOT NULL,
    detail          TEXT NOT NULL
);
CREATE TABLE device_authorizations (
    id                TEXT PRIMARY KEY NOT NULL,
    device_code_hash  TEXT NOT NULL UNIQUE,
    -- Eight letters without the dash; unique while the row lives.
    user_code         TEXT NOT NULL UNIQUE,
    client_id         TEXT NOT NULL,
    -- What approving grants: the kiosk's scope, or consent to a helper.
    scope             TEXT NOT NULL,
    -- The helper asking, for an assisted session's consent.
    helper_id         TEXT REFERENCES citizens (id),
    -- pending, approved, denied, redeemed.
    status            TEXT NOT NULL DEFAULT 'pending',
    citizen_id        TEXT REFERENCES citizens (id),
    -- The PKCE verifier of the server's own sign-in round on the resident's phone.
    consent_verifier  TEXT NOT NULL,
    interval_secs     INTEGER NOT NULL,
    last_polled_at    INTEGER,
    created_at        INTEGER NOT NULL,
    expires_at        INTEGER NOT NULL
);
CREATE TABLE helpers (
    personal_id_number TEXT PRIMARY KEY NOT NULL,
    team         TEXT NOT NULL,
    granted_at   INTEGER NOT NULL,
    revoked_at   INTEGER
);
CREATE TABLE assist_sessions (
    id              TEXT PRIMARY KEY NOT NULL,
    helper_id       TEXT NOT NULL REFERENCES citizens (id),
    citizen_id      TEXT REFERENCES citizens (id),
    device_id       TEXT NOT NULL REFERENCES device_authorizations (id),
    -- phone (approved on the resident's own phone) or photo (a signed form, held for review).
    consent         TEXT,
    -- The photo of the signed consent form, by hash under the attachments directory.
    consent_photo   TEXT,
    review_status   TEXT,
    -- The resident's consent token (RFC 8628), exchanged once for the delegated sign-in.
    consent_family_id TEXT REFERENCES token_families (id),
    -- The delegated sign-in (RFC 8693), with the helper as actor.
    family_id       TEXT REFERENCES token_families (id),
    started_at      INTEGER NOT NULL,
    ends_at         INTEGER,
    ended_at        INTEGER
);
CREATE TABLE audit_log (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    citizen_id   TEXT NOT NULL,
    actor_id     TEXT,
    session_id   TEXT,
    action       TEXT NOT NULL,
    outcome      TEXT NOT NULL,
    at           INTEGER NOT NULL
);
DELETE FROM sqlite_sequence;
CREATE INDEX token_families_by_citizen ON token_families (citizen_id);
CREATE UNIQUE INDEX citizens_by_webauthn_user ON citizens (webauthn_user_id);
CREATE INDEX passkeys_by_citizen ON passkeys (citizen_id);
CREATE INDEX dossiers_by_citizen_seq ON dossiers (citizen_id, seq);
CREATE INDEX dossiers_by_citizen ON dossiers (citizen_id, submitted_at);
CREATE INDEX dossiers_by_agency ON dossiers (agency_vi, status);
CREATE INDEX reports_by_citizen_seq ON reports (citizen_id, seq);
CREATE INDEX reports_by_agency ON reports (agency_vi, status, due_at);
CREATE INDEX reports_public ON reports (status, public, resolved_at);
CREATE INDEX reports_by_time ON reports (submitted_at);
CREATE UNIQUE INDEX payments_one_accepted_per_invoice
    ON payments (invoice_reference) WHERE outcome = 'accepted';
CREATE INDEX payment_notifications_by_reference ON payment_notifications (reference);
CREATE INDEX assist_sessions_by_helper ON assist_sessions (helper_id, started_at);
CREATE INDEX audit_log_by_citizen ON audit_log (citizen_id, id);
COMMIT;
