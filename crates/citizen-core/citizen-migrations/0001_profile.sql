-- A citizen's own store, one file per citizen. The profile as the server last sent it, so the
-- profile screen works offline.
CREATE TABLE profile (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    citizen_id TEXT NOT NULL,
    profile_json TEXT NOT NULL,
    fetched_at TEXT NOT NULL
);
