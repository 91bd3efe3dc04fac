-- The resident's answers to "more information needed": a timeline step of their own, with the
-- files they sent, made once per idempotency key like a dossier.
ALTER TABLE dossier_events ADD COLUMN by_resident BIGINT NOT NULL DEFAULT 0;
ALTER TABLE dossier_events ADD COLUMN attachments TEXT COLLATE "C"; -- JSON [AttachmentRef], for answers

CREATE TABLE dossier_answers (
    citizen_id      TEXT COLLATE "C" NOT NULL,
    idempotency_key TEXT COLLATE "C" NOT NULL,
    request_sha256  TEXT COLLATE "C" NOT NULL,
    dossier_id      TEXT COLLATE "C" NOT NULL REFERENCES dossiers (id),
    PRIMARY KEY (citizen_id, idempotency_key)
);
