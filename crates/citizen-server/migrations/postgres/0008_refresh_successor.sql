-- Refresh rotation remembers what each refresh token was exchanged for. A spent token presented
-- again soon after (within --refresh-reuse-grace) while that successor is still unused is most
-- likely the same device, stopped before it could store the answer: it is exchanged once more and
-- the unused successor withdrawn (`store::spend_refresh_token`). Any other second use still
-- revokes the family.

-- The hash of the refresh token issued in exchange for this one (the latest, after a replay).
ALTER TABLE refresh_tokens ADD COLUMN replaced_by TEXT COLLATE "C";
-- When this token, issued but never used, was withdrawn because its predecessor was replayed:
-- presenting it afterwards counts as reuse.
ALTER TABLE refresh_tokens ADD COLUMN withdrawn_at BIGINT;
