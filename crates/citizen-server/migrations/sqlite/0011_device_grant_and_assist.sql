-- Kiosk QR hand-off (RFC 8628) and assisted sessions for community helpers (RFC 8693).

-- A sign-in with a short life and a narrowed scope (a kiosk's, a helper's for a resident) ends at
-- this time whatever its tokens say; NULL for the app's own sign-ins.
ALTER TABLE token_families ADD COLUMN expires_at INTEGER;
-- The helper acting in a delegated session (RFC 8693 `act`); NULL when the citizen acts alone.
ALTER TABLE token_families ADD COLUMN actor_id TEXT REFERENCES citizens (id);

-- RFC 8628: one row per code a device showed. The device code is kept as a hash only.
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

-- Who may assist residents: granted by the province (`citizen-server staff grant-helper`).
-- By personal number, so a helper can be named before their first sign-in.
CREATE TABLE helpers (
    personal_id_number TEXT PRIMARY KEY NOT NULL,
    team         TEXT NOT NULL,
    granted_at   INTEGER NOT NULL,
    revoked_at   INTEGER
);

-- One assisted session: a helper, a resident, how the resident consented.
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
CREATE INDEX assist_sessions_by_helper ON assist_sessions (helper_id, started_at);

-- Everything done in an assisted session, and every refusal: both identities, what (a method and
-- a route pattern, never a value), when. The resident reads their own rows.
CREATE TABLE audit_log (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    citizen_id   TEXT NOT NULL,
    actor_id     TEXT,
    session_id   TEXT,
    action       TEXT NOT NULL,
    outcome      TEXT NOT NULL,
    at           INTEGER NOT NULL
);
CREATE INDEX audit_log_by_citizen ON audit_log (citizen_id, id);
