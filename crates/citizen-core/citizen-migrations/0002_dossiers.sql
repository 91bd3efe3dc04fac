-- What a citizen prepares and submits, kept on the device until the server has it.

-- The form as the resident types it, one draft per procedure; it survives restarts.
CREATE TABLE drafts (
    procedure_id TEXT PRIMARY KEY NOT NULL,
    values_json  TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);

-- Files the resident attached, content-addressed: the bytes are in <citizen dir>/attachments/<sha256>.
CREATE TABLE attachments (
    sha256     TEXT PRIMARY KEY NOT NULL CHECK (length(sha256) = 64),
    file_name  TEXT NOT NULL,
    file_type  TEXT NOT NULL,
    size       INTEGER NOT NULL,
    added_at   TEXT NOT NULL
);

-- Dossiers on their way to the server. Written with the dossier in one transaction when the
-- resident submits; delivered by the outbox (attachments first, then the dossier under its
-- idempotency key), retried with backoff until the server answers.
CREATE TABLE outbox (
    id              TEXT PRIMARY KEY NOT NULL,
    idempotency_key TEXT NOT NULL UNIQUE,
    procedure_id    TEXT NOT NULL,
    request_json    TEXT NOT NULL,
    -- waiting: not yet accepted; sent: the server has it; refused: the server said no for good.
    state           TEXT NOT NULL CHECK (state IN ('waiting', 'sent', 'refused')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    last_error      TEXT,
    created_at      TEXT NOT NULL,
    dossier_id      TEXT
);

-- The citizen's dossiers as the server last sent them (its dossier feed), for the timeline.
CREATE TABLE dossiers (
    id    TEXT PRIMARY KEY NOT NULL,
    code  TEXT NOT NULL,
    body  TEXT NOT NULL
);

CREATE TABLE feed_cursors (
    scope  TEXT PRIMARY KEY NOT NULL,
    cursor TEXT NOT NULL
);
