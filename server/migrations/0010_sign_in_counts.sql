-- Failed sign-ins, counted in windows of fifteen minutes per subject: an
-- account tried from one client ("pair:EMAIL|CLIENT"), a client
-- ("client:CLIENT") and an account from anywhere ("account:EMAIL"). Each
-- attempt is counted in one statement before its password is checked, so
-- attempts sent at once cannot all pass the check first. `window_start` in
-- milliseconds since 1970.
CREATE TABLE sign_in_counts (
    subject       TEXT PRIMARY KEY,
    window_start  BIGINT NOT NULL,
    failures      BIGINT NOT NULL
);

CREATE INDEX sign_in_counts_by_window ON sign_in_counts (window_start);

-- Clients that have signed in to an account ("EMAIL|CLIENT"): guessing from
-- elsewhere slows such a client but does not refuse it.
CREATE TABLE sign_in_known (
    subject  TEXT PRIMARY KEY,
    seen_ms  BIGINT NOT NULL
);

DROP TABLE sign_in_failures;
