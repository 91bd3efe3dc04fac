-- Field reports ("phản ánh hiện trường"). A report is routed on receipt: the area its position lies
-- in (reports::routing) and the agency its category and area name. Names are copied as they were
-- then, like a dossier's procedure: a later change of boundaries or agencies does not rewrite it.
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
CREATE INDEX reports_by_citizen_seq ON reports (citizen_id, seq);
CREATE INDEX reports_by_agency ON reports (agency_vi, status, due_at);
CREATE INDEX reports_public ON reports (status, public, resolved_at);
CREATE INDEX reports_by_time ON reports (submitted_at);

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

-- A resident's rating or reopening, taken once per idempotency key like a report.
CREATE TABLE report_actions (
    citizen_id      TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    request_sha256  TEXT NOT NULL,
    report_id       TEXT NOT NULL REFERENCES reports (id),
    PRIMARY KEY (citizen_id, idempotency_key)
);
