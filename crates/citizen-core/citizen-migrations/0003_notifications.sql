-- Thông báo: what the resident should hear about, one row per change at the agency (a dossier
-- received, moved, asked for more). Written with the dossier change that caused it.
CREATE TABLE notifications (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    dossier_id     TEXT NOT NULL,
    dossier_code   TEXT NOT NULL,
    procedure_name TEXT NOT NULL, -- JSON {vi, en}
    status         TEXT NOT NULL,
    message        TEXT,
    at             TEXT NOT NULL,
    -- Opened in the Thông báo area.
    read           INTEGER NOT NULL DEFAULT 0,
    -- Handed to the system's notifications once, so a restart does not show it again.
    shown          INTEGER NOT NULL DEFAULT 0,
    -- A feed page seen twice (a retry after a cut) notifies once.
    UNIQUE (dossier_id, status, at)
);
