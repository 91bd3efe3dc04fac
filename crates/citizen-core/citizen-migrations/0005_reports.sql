-- Field reports on the device. The outbox carries them too (a report, a rating, a reopening), so
-- its kind check widens and procedure_id is only a dossier's or an answer's: SQLite cannot alter a
-- CHECK, so the table is rebuilt with every row kept.
CREATE TABLE outbox_new (
    id              TEXT PRIMARY KEY NOT NULL,
    idempotency_key TEXT NOT NULL UNIQUE,
    procedure_id    TEXT,
    request_json    TEXT NOT NULL,
    state           TEXT NOT NULL CHECK (state IN ('waiting', 'sent', 'refused')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    last_error      TEXT,
    created_at      TEXT NOT NULL,
    dossier_id      TEXT,
    kind            TEXT NOT NULL DEFAULT 'dossier'
                    CHECK (kind IN ('dossier', 'answer', 'report', 'rating', 'reopen')),
    dossier_ref     TEXT,
    -- For a rating or a reopening: the report. For a report once sent: the server's id.
    report_ref      TEXT,
    -- A new report's title, to show while it waits.
    title           TEXT
);
INSERT INTO outbox_new (id, idempotency_key, procedure_id, request_json, state, attempts,
    next_attempt_at, last_error, created_at, dossier_id, kind, dossier_ref)
SELECT id, idempotency_key, procedure_id, request_json, state, attempts, next_attempt_at,
    last_error, created_at, dossier_id, kind, dossier_ref FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;

-- The citizen's reports as the server last sent them (its report feed).
CREATE TABLE reports (
    id    TEXT PRIMARY KEY NOT NULL,
    code  TEXT NOT NULL,
    body  TEXT NOT NULL
);
