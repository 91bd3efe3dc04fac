-- Who is signed in on this device, and this install's id (the keyring entries are per install).
-- Never a token: the refresh token is in the OS keyring, the access token only in memory.
CREATE TABLE install (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    install_id TEXT NOT NULL
);

CREATE TABLE session (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    citizen_id TEXT NOT NULL,
    -- A session belongs to the server that issued it; pointing the app elsewhere ends it.
    server_url TEXT NOT NULL,
    -- RFC 3339 UTC; past this the refresh token is dead and the app is signed out, offline or not.
    refresh_expires_at TEXT NOT NULL,
    signed_in_at TEXT NOT NULL
);
