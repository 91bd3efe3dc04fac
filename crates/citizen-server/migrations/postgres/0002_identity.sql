-- The server as OAuth 2.0 authorization server for the app, brokering the national e-ID.
-- Secrets (codes, tokens) are stored only as SHA-256 hashes; times are Unix seconds.

-- A citizen as the e-ID vouched for them; one row per (issuer, subject).
CREATE TABLE citizens (
    id                  TEXT COLLATE "C" PRIMARY KEY NOT NULL,
    eid_issuer          TEXT COLLATE "C" NOT NULL,
    eid_subject         TEXT COLLATE "C" NOT NULL,
    personal_id_number  TEXT COLLATE "C" NOT NULL,
    full_name           TEXT COLLATE "C" NOT NULL,
    birth_date          TEXT COLLATE "C",
    address             TEXT COLLATE "C",
    created_at          BIGINT NOT NULL,
    updated_at          BIGINT NOT NULL,
    UNIQUE (eid_issuer, eid_subject)
);

-- An app's /authorize request, held while the resident is away at the e-ID.
CREATE TABLE sign_in_requests (
    id              TEXT COLLATE "C" PRIMARY KEY NOT NULL,
    client_id       TEXT COLLATE "C" NOT NULL,
    redirect_uri    TEXT COLLATE "C" NOT NULL,
    app_state       TEXT COLLATE "C",
    code_challenge  TEXT COLLATE "C" NOT NULL,
    scope           TEXT COLLATE "C" NOT NULL,
    -- What we sent the e-ID, to check what comes back (state, nonce, PKCE verifier).
    upstream_state     TEXT COLLATE "C" UNIQUE,
    upstream_nonce     TEXT COLLATE "C",
    upstream_verifier  TEXT COLLATE "C",
    expires_at      BIGINT NOT NULL
);

CREATE TABLE authorization_codes (
    code_hash       TEXT COLLATE "C" PRIMARY KEY NOT NULL,
    client_id       TEXT COLLATE "C" NOT NULL,
    redirect_uri    TEXT COLLATE "C" NOT NULL,
    code_challenge  TEXT COLLATE "C" NOT NULL,
    scope           TEXT COLLATE "C" NOT NULL,
    citizen_id      TEXT COLLATE "C" NOT NULL REFERENCES citizens (id),
    expires_at      BIGINT NOT NULL,
    used_at         BIGINT,
    -- The tokens this code was exchanged for: revoked if the code is ever replayed.
    family_id       TEXT COLLATE "C"
);

-- One family per sign-in on one device; every refresh rotates within it. A refresh token used
-- twice means it leaked: the whole family is revoked.
CREATE TABLE token_families (
    id              TEXT COLLATE "C" PRIMARY KEY NOT NULL,
    citizen_id      TEXT COLLATE "C" NOT NULL REFERENCES citizens (id),
    client_id       TEXT COLLATE "C" NOT NULL,
    scope           TEXT COLLATE "C" NOT NULL,
    created_at      BIGINT NOT NULL,
    revoked_at      BIGINT,
    revoked_reason  TEXT COLLATE "C"
);
CREATE INDEX token_families_by_citizen ON token_families (citizen_id);

CREATE TABLE refresh_tokens (
    token_hash      TEXT COLLATE "C" PRIMARY KEY NOT NULL,
    family_id       TEXT COLLATE "C" NOT NULL REFERENCES token_families (id),
    expires_at      BIGINT NOT NULL,
    used_at         BIGINT
);

CREATE TABLE access_tokens (
    token_hash      TEXT COLLATE "C" PRIMARY KEY NOT NULL,
    family_id       TEXT COLLATE "C" NOT NULL REFERENCES token_families (id),
    expires_at      BIGINT NOT NULL
);
