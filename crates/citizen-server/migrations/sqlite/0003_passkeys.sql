-- Passkeys (WebAuthn): after an e-ID sign-in a resident may register one; later sign-ins may use
-- it instead of the e-ID. The e-ID always remains a way in: a lost device loses nothing.

-- The WebAuthn user handle: random, so an authenticator learns nothing about the citizen from it.
-- Set at the citizen's first passkey registration.
ALTER TABLE citizens ADD COLUMN webauthn_user_id TEXT;
CREATE UNIQUE INDEX citizens_by_webauthn_user ON citizens (webauthn_user_id);

CREATE TABLE passkeys (
    -- base64url of the credential id the authenticator chose.
    credential_id   TEXT PRIMARY KEY NOT NULL,
    citizen_id      TEXT NOT NULL REFERENCES citizens (id),
    -- webauthn-rs's `Passkey` as JSON: the public key and the signature counter. No secret.
    passkey         TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    last_used_at    INTEGER
);
CREATE INDEX passkeys_by_citizen ON passkeys (citizen_id);

-- A sign-in the resident has completed (at the e-ID) while they are offered a passkey; NULL while
-- they have not signed in yet.
ALTER TABLE sign_in_requests ADD COLUMN citizen_id TEXT REFERENCES citizens (id);
-- The state of a WebAuthn ceremony in progress on this sign-in (webauthn-rs JSON, holding the
-- challenge): taken once, so a challenge cannot be answered twice.
ALTER TABLE sign_in_requests ADD COLUMN ceremony TEXT;
