-- Fees (lệ phí): the invoice a dossier carries while its fee is owed, the money that arrived for
-- it, and every payment notification as it came, whatever became of it. Amounts are whole đồng.

CREATE TABLE invoices (
    -- What a transfer's content carries back and what the gateway calls the order.
    reference       TEXT PRIMARY KEY NOT NULL,
    dossier_id      TEXT NOT NULL REFERENCES dossiers (id),
    citizen_id      TEXT NOT NULL REFERENCES citizens (id),
    -- 1 for the first invoice of a dossier, 2 for its first reissue, …
    issue_number    INTEGER NOT NULL CHECK (issue_number >= 1),
    amount_vnd      INTEGER NOT NULL CHECK (amount_vnd > 0),
    payer           TEXT NOT NULL,
    payee_vi        TEXT NOT NULL,
    payee_en        TEXT NOT NULL,
    description_vi  TEXT NOT NULL,
    description_en  TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('unpaid', 'paid', 'held', 'reissued')),
    issued_at       TEXT NOT NULL,
    expires_at      TEXT NOT NULL,
    -- The VietQR payload as issued: the account it names is the one the money was asked into.
    vietqr          TEXT NOT NULL,
    UNIQUE (dossier_id, issue_number)
);

-- Money that arrived. "accepted" pays its invoice and has a receipt; "held" (wrong amount, after
-- expiry, a second payment, a closed dossier) waits for an officer and never pays anything.
CREATE TABLE payments (
    id                  INTEGER PRIMARY KEY,
    invoice_reference   TEXT NOT NULL REFERENCES invoices (reference),
    method              TEXT NOT NULL CHECK (method IN ('gateway', 'bank-transfer')),
    -- The gateway's or the bank's number: the same transaction notified twice is recorded once.
    transaction_no      TEXT NOT NULL,
    amount_vnd          INTEGER NOT NULL CHECK (amount_vnd > 0),
    paid_at             TEXT NOT NULL,
    outcome             TEXT NOT NULL CHECK (outcome IN ('accepted', 'held')),
    hold_reason         TEXT,
    receipt_number      TEXT UNIQUE,
    UNIQUE (method, transaction_no),
    CHECK ((outcome = 'accepted') = (receipt_number IS NOT NULL))
);
-- However the notifications interleave, an invoice is paid once.
CREATE UNIQUE INDEX payments_one_accepted_per_invoice
    ON payments (invoice_reference) WHERE outcome = 'accepted';

-- The audit trail of notifications: each one, verified or not, with what was decided and why.
-- Only what identifies the money is kept (no card data, no names).
CREATE TABLE payment_notifications (
    id              INTEGER PRIMARY KEY,
    received_at     TEXT NOT NULL,
    channel         TEXT NOT NULL CHECK (channel IN ('gateway', 'bank-transfer')),
    reference       TEXT,
    transaction_no  TEXT,
    amount_vnd      INTEGER,
    verdict         TEXT NOT NULL,
    detail          TEXT NOT NULL
);
CREATE INDEX payment_notifications_by_reference ON payment_notifications (reference);
