-- What every replica behind one address must see alike, kept here rather than in a process's
-- memory: the sign-in lockout, the demo's made-up secrets, and the sandboxes' pending grants.

-- Failed grants per client IP, and the lockout they led to (identity::limits).
CREATE TABLE sign_in_failures (
    ip            TEXT COLLATE "C" PRIMARY KEY NOT NULL,
    failures      BIGINT NOT NULL,
    -- Unix seconds; NULL while the IP is not locked out.
    locked_until  BIGINT
);

-- Secrets `--demo` makes up when none is configured (the sandbox gateway's and bank's signing
-- secrets, the sandbox e-ID's signing key): made once by whichever replica needs one first, then
-- read by all. Never used outside the demo: configured secrets come from the configuration.
CREATE TABLE demo_secrets (
    name   TEXT COLLATE "C" PRIMARY KEY NOT NULL,
    value  TEXT COLLATE "C" NOT NULL
);

-- The sandbox e-ID's authorization codes and access tokens, stored as SHA-256 hashes like the
-- server's own: the broker may redeem a code at another replica than the one that issued it.
CREATE TABLE sandbox_eid_codes (
    code_hash       TEXT COLLATE "C" PRIMARY KEY NOT NULL,
    resident        BIGINT NOT NULL,
    redirect_uri    TEXT COLLATE "C" NOT NULL,
    nonce           TEXT COLLATE "C",
    code_challenge  TEXT COLLATE "C",
    expires_at      BIGINT NOT NULL
);
CREATE TABLE sandbox_eid_access (
    token_hash  TEXT COLLATE "C" PRIMARY KEY NOT NULL,
    resident    BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL
);

-- The sandbox gateway's charges: each order is charged once, whichever replica the payer reached.
CREATE TABLE sandbox_gateway_charges (
    order_reference TEXT COLLATE "C" PRIMARY KEY NOT NULL,
    transaction_no  TEXT COLLATE "C" NOT NULL UNIQUE
);
