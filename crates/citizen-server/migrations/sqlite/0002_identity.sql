-- The server as OAuth 2.0 authorization server for the app, brokering the national e-ID.
-- Secrets (codes, tokens) are stored only as SHA-256 hashes; times are Unix seconds.

-- A citizen as the e-ID vouched for them; one row per (issuer, subject).
CREATE TABLE citizens (
    id                  TEXT PRIMARY KEY NOT NULL,
    eid_issuer          TEXT NOT NULL,
    eid_subject         TEXT NOT NULL,
    personal_id_number  TEXT NOT NULL,
    full_name           TEXT NOT NULL,
    birth_date          TEXT,
    address             TEXT,
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL,
    UNIQUE (eid_issuer, eid_subject)
);

-- An app's /authorize request, held while the resident is away at the e-ID.
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
);

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

-- One family per sign-in on one device; every refresh rotates within it. A refresh token used
-- twice means it leaked: the whole family is revoked.
CREATE TABLE token_families (
    id              TEXT PRIMARY KEY NOT NULL,
    citizen_id      TEXT NOT NULL REFERENCES citizens (id),
    client_id       TEXT NOT NULL,
    scope           TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    revoked_at      INTEGER,
    revoked_reason  TEXT
);
CREATE INDEX token_families_by_citizen ON token_families (citizen_id);

CREATE TABLE refresh_tokens (
    token_hash      TEXT PRIMARY KEY NOT NULL,
    family_id       TEXT NOT NULL REFERENCES token_families (id),
    expires_at      INTEGER NOT NULL,
    used_at         INTEGER
);

CREATE TABLE access_tokens (
    token_hash      TEXT PRIMARY KEY NOT NULL,
    family_id       TEXT NOT NULL REFERENCES token_families (id),
    expires_at      INTEGER NOT NULL
);
