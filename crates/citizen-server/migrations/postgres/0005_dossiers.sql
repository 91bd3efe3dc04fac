-- Files residents attach, content-addressed: the bytes live in <data dir>/attachments/<sha256>,
-- written once; a row exists only after its file is complete.
CREATE TABLE attachments (
    sha256      TEXT COLLATE "C" PRIMARY KEY NOT NULL CHECK (length(sha256) = 64),
    file_type   TEXT COLLATE "C" NOT NULL,
    size        BIGINT NOT NULL CHECK (size > 0),
    created_at  TEXT COLLATE "C" NOT NULL
);

-- Who uploaded which file: a dossier may only refer to files its citizen uploaded, so knowing a
-- hash is not enough to attach (and later read) someone else's document.
CREATE TABLE attachment_owners (
    sha256      TEXT COLLATE "C" NOT NULL REFERENCES attachments (sha256),
    citizen_id  TEXT COLLATE "C" NOT NULL REFERENCES citizens (id),
    PRIMARY KEY (sha256, citizen_id)
);

-- Officers of an agency, who process its dossiers through the staff API. Created by an
-- administrator with `citizen-server officer add`; they authenticate with the token printed then,
-- kept here only as its SHA-256.
CREATE TABLE officers (
    id          TEXT COLLATE "C" PRIMARY KEY NOT NULL,
    name        TEXT COLLATE "C" NOT NULL,
    agency_vi   TEXT COLLATE "C" NOT NULL,
    token_hash  TEXT COLLATE "C" NOT NULL UNIQUE,
    created_at  TEXT COLLATE "C" NOT NULL
);

CREATE TABLE dossiers (
    id              TEXT COLLATE "C" PRIMARY KEY NOT NULL,
    -- Mã hồ sơ: H57.<field prefix>-<yymmdd>-<number of the day>.
    code            TEXT COLLATE "C" NOT NULL UNIQUE,
    citizen_id      TEXT COLLATE "C" NOT NULL REFERENCES citizens (id),
    procedure_id    TEXT COLLATE "C" NOT NULL REFERENCES procedures (id),
    -- The procedure's names and agency as they were at submission: a later rename of the
    -- procedure does not rewrite what the resident applied for.
    procedure_vi    TEXT COLLATE "C" NOT NULL,
    procedure_en    TEXT COLLATE "C" NOT NULL,
    agency_vi       TEXT COLLATE "C" NOT NULL,
    agency_en       TEXT COLLATE "C" NOT NULL,
    form_values     TEXT COLLATE "C" NOT NULL,
    status          TEXT COLLATE "C" NOT NULL,
    submitted_at    TEXT COLLATE "C" NOT NULL,
    due_date        TEXT COLLATE "C" NOT NULL,
    -- The client's Idempotency-Key and a hash of the request it came with: a repeat with the same
    -- request gets this dossier back, one with a different request is refused.
    idempotency_key TEXT COLLATE "C" NOT NULL,
    request_sha256  TEXT COLLATE "C" NOT NULL,
    -- The result document the agency attached (the certificate, the permit), once there is one.
    result_sha256   TEXT COLLATE "C" REFERENCES attachments (sha256),
    -- Every change takes the next seq: what the app's dossier feed counts, as for the catalogue.
    seq             BIGINT NOT NULL UNIQUE,
    UNIQUE (citizen_id, idempotency_key)
);
CREATE INDEX dossiers_by_citizen_seq ON dossiers (citizen_id, seq);
CREATE INDEX dossiers_by_citizen ON dossiers (citizen_id, submitted_at);
CREATE INDEX dossiers_by_agency ON dossiers (agency_vi, status);

CREATE TABLE dossier_events (
    dossier_id  TEXT COLLATE "C" NOT NULL REFERENCES dossiers (id),
    position    BIGINT NOT NULL,
    status      TEXT COLLATE "C" NOT NULL,
    at          TEXT COLLATE "C" NOT NULL,
    message     TEXT COLLATE "C",
    -- Who moved it (NULL for the receipt, which the system records): the audit trail.
    officer_id  TEXT COLLATE "C" REFERENCES officers (id),
    PRIMARY KEY (dossier_id, position)
);

CREATE TABLE dossier_attachments (
    dossier_id  TEXT COLLATE "C" NOT NULL REFERENCES dossiers (id),
    field       TEXT COLLATE "C" NOT NULL,
    sha256      TEXT COLLATE "C" NOT NULL REFERENCES attachments (sha256),
    PRIMARY KEY (dossier_id, field, sha256)
);
