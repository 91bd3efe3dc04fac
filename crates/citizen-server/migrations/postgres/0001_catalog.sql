-- PostgreSQL: the schema of migrations/sqlite/, migration for migration, with the same intent.
-- Integers are BIGINT (what SQLite's INTEGER holds, and what the server reads them as); text
-- compares byte by byte (COLLATE "C", as SQLite's BINARY), so codes and RFC 3339 times sort and
-- range as they do there; INTEGER PRIMARY KEY row ids are identity columns.

-- The catalogue of administrative procedures, published to apps through a change feed.
-- `seq` orders changes: every insert, update or retirement takes the next value, so a client
-- that has applied everything up to seq N asks for `seq > N`.
CREATE TABLE procedures (
    id                 TEXT COLLATE "C" PRIMARY KEY NOT NULL,
    seq                BIGINT NOT NULL UNIQUE,
    -- 1 once the procedure is withdrawn: it stays here as a tombstone for the feed.
    retired            BIGINT NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
    field              TEXT COLLATE "C" NOT NULL,
    level              TEXT COLLATE "C" NOT NULL,
    name_vi            TEXT COLLATE "C" NOT NULL,
    name_en            TEXT COLLATE "C" NOT NULL,
    agency_vi          TEXT COLLATE "C" NOT NULL,
    agency_en          TEXT COLLATE "C" NOT NULL,
    processing_days    BIGINT NOT NULL CHECK (processing_days >= 0),
    fee_vnd            BIGINT NOT NULL CHECK (fee_vnd >= 0),
    online_level       TEXT COLLATE "C" NOT NULL,
    -- JSON array of {"vi","en"}: always read and written whole, never queried inside.
    required_documents TEXT COLLATE "C" NOT NULL,
    updated_at         TEXT COLLATE "C" NOT NULL
);
