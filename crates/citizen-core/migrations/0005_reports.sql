-- What every resident of this device may read about field reports, kept for offline use: the
-- categories (synced with the catalogue) and the last page of resolved public reports.
CREATE TABLE report_categories (
    code     TEXT PRIMARY KEY NOT NULL,
    position INTEGER NOT NULL,
    body     TEXT NOT NULL
);

CREATE TABLE public_reports (
    code     TEXT PRIMARY KEY NOT NULL,
    position INTEGER NOT NULL,
    body     TEXT NOT NULL
);
