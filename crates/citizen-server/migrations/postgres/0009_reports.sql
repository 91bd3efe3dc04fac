-- Field reports ("phản ánh hiện trường"). A report is routed on receipt: the area its position lies
-- in (reports::routing) and the agency its category and area name. Names are copied as they were
-- then, like a dossier's procedure: a later change of boundaries or agencies does not rewrite it.
CREATE TABLE reports (
    id              TEXT COLLATE "C" PRIMARY KEY NOT NULL,
    -- Mã phản ánh: PA-<yymmdd>-<number of the day>.
    code            TEXT COLLATE "C" NOT NULL UNIQUE,
    -- NULL for a report that came through Open311 (no resident account behind it).
    citizen_id      TEXT COLLATE "C" REFERENCES citizens (id),
    category        TEXT COLLATE "C" NOT NULL,
    category_vi     TEXT COLLATE "C" NOT NULL,
    category_en     TEXT COLLATE "C" NOT NULL,
    title           TEXT COLLATE "C" NOT NULL,
    description     TEXT COLLATE "C" NOT NULL,
    lat             DOUBLE PRECISION,
    lon             DOUBLE PRECISION,
    address         TEXT COLLATE "C",
    public          BIGINT NOT NULL CHECK (public IN (0, 1)),
    area_code       TEXT COLLATE "C",
    area_vi         TEXT COLLATE "C",
    area_en         TEXT COLLATE "C",
    agency_vi       TEXT COLLATE "C" NOT NULL,
    agency_en       TEXT COLLATE "C" NOT NULL,
    status          TEXT COLLATE "C" NOT NULL,
    submitted_at    TEXT COLLATE "C" NOT NULL,
    due_at          TEXT COLLATE "C" NOT NULL,
    -- When it was last resolved: the public feed's order, and the start of the reopening window.
    resolved_at     TEXT COLLATE "C",
    rating          BIGINT CHECK (rating BETWEEN 1 AND 5),
    -- 'app' or 'open311'; an Open311 client's contact details (JSON), which only officers see.
    source          TEXT COLLATE "C" NOT NULL,
    contact         TEXT COLLATE "C",
    idempotency_key TEXT COLLATE "C" NOT NULL,
    request_sha256  TEXT COLLATE "C" NOT NULL,
    -- Every change takes the next seq: what the resident's report feed counts.
    seq             BIGINT NOT NULL UNIQUE,
    CHECK ((lat IS NULL) = (lon IS NULL)),
    CHECK (lat IS NOT NULL OR address IS NOT NULL),
    UNIQUE (citizen_id, idempotency_key)
);
CREATE INDEX reports_by_citizen_seq ON reports (citizen_id, seq);
CREATE INDEX reports_by_agency ON reports (agency_vi, status, due_at);
CREATE INDEX reports_public ON reports (status, public, resolved_at);
CREATE INDEX reports_by_time ON reports (submitted_at);

CREATE TABLE report_photos (
    report_id   TEXT COLLATE "C" NOT NULL REFERENCES reports (id),
    position    BIGINT NOT NULL,
    sha256      TEXT COLLATE "C" NOT NULL REFERENCES attachments (sha256),
    file_name   TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (report_id, position)
);

CREATE TABLE report_events (
    report_id   TEXT COLLATE "C" NOT NULL REFERENCES reports (id),
    position    BIGINT NOT NULL,
    status      TEXT COLLATE "C" NOT NULL,
    at          TEXT COLLATE "C" NOT NULL,
    message     TEXT COLLATE "C",
    by_resident BIGINT NOT NULL DEFAULT 0,
    -- The "after" photo an officer attached on resolving.
    photo       TEXT COLLATE "C" REFERENCES attachments (sha256),
    -- Who moved it (NULL for receipt and the resident's own steps): the audit trail.
    officer_id  TEXT COLLATE "C" REFERENCES officers (id),
    PRIMARY KEY (report_id, position)
);

-- A resident's rating or reopening, taken once per idempotency key like a report.
CREATE TABLE report_actions (
    citizen_id      TEXT COLLATE "C" NOT NULL,
    idempotency_key TEXT COLLATE "C" NOT NULL,
    request_sha256  TEXT COLLATE "C" NOT NULL,
    report_id       TEXT COLLATE "C" NOT NULL REFERENCES reports (id),
    PRIMARY KEY (citizen_id, idempotency_key)
);
