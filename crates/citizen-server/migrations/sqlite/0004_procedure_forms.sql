-- The form a dossier for the procedure fills in (JSON of citizen_protocol::forms::Form), NULL for
-- procedures that cannot be submitted through the app yet. Read and written whole.
ALTER TABLE procedures ADD COLUMN form TEXT;
