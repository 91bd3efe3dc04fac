-- The local copy of the province's catalogue. Reads always come from here; sync only fills it.
CREATE TABLE procedures (
    rowid           INTEGER PRIMARY KEY,
    id              TEXT NOT NULL UNIQUE,
    -- The whole record as the server sent it (JSON); the columns below serve listing and search.
    body            TEXT NOT NULL,
    name_vi         TEXT NOT NULL,
    name_en         TEXT NOT NULL,
    -- fold(name_vi): the browse order and the exact/prefix boosts of the ranking.
    name_folded     TEXT NOT NULL,
    name_en_folded  TEXT NOT NULL,
    field           TEXT NOT NULL,
    level           TEXT NOT NULL,
    online_level    TEXT NOT NULL,
    processing_days INTEGER NOT NULL,
    fee_vnd         INTEGER NOT NULL
);
CREATE INDEX procedures_by_name ON procedures (name_folded);

-- Full-text index over folded text, kept in step with `procedures` by the code that writes it
-- (rowid = procedures.rowid). Text is folded before it gets here, so the tokenizer only splits.
CREATE VIRTUAL TABLE procedure_search USING fts5(
    name, agency, documents, field,
    tokenize = 'unicode61 remove_diacritics 0'
);

-- Where each feed stands: the cursor of the last applied page and when a sync last succeeded.
CREATE TABLE sync_state (
    scope           TEXT PRIMARY KEY NOT NULL,
    cursor          TEXT,
    last_success_at TEXT
);
