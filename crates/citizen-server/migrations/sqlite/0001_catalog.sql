-- The catalogue of administrative procedures, published to apps through a change feed.
-- `seq` orders changes: every insert, update or retirement takes the next value, so a client
-- that has applied everything up to seq N asks for `seq > N`.
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
);
