-- The outbox also carries the resident's answers to "more information needed": same delivery
-- (files first, then the request under its idempotency key), another address.
ALTER TABLE outbox ADD COLUMN kind TEXT NOT NULL DEFAULT 'dossier' CHECK (kind IN ('dossier', 'answer'));
-- For an answer: the dossier it answers.
ALTER TABLE outbox ADD COLUMN dossier_ref TEXT;
