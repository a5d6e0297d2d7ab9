-- Residents who asked for alerts by email. `area` empty: every area;
-- `urgent_only`: urgent updates and every appeal and warning, else every
-- update; `lang`: en, cy or both (Welsh first). `token` is in the links of
-- every mail sent to them (confirm, change, unsubscribe). Nothing is sent
-- but the confirmation until `confirmed_at`; unconfirmed rows go after 7 days.
CREATE TABLE subscribers (
    id            TEXT PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE,
    area          TEXT,
    urgent_only   INTEGER NOT NULL,
    lang          TEXT NOT NULL CHECK (lang IN ('en', 'cy', 'both')),
    token         TEXT NOT NULL UNIQUE,
    confirmed_at  TEXT,
    created_at    TEXT NOT NULL
);

CREATE INDEX subscribers_by_area ON subscribers (area);

-- Sign-ups counted in windows of a day, per address ("address:" and the
-- address with any "+tag" dropped, so variants count as one) and per client
-- ("client:" and its address group), each counted in one statement before
-- a mail is queued. `failures` is the count (the sign-in guard's shape).
CREATE TABLE alert_signup_counts (
    subject       TEXT PRIMARY KEY,
    window_start  BIGINT NOT NULL,
    failures      BIGINT NOT NULL
);

-- Each update alerted once, when it went live, with how many were sent.
CREATE TABLE alert_runs (
    update_id  TEXT PRIMARY KEY,
    sent       BIGINT NOT NULL,
    at         TEXT NOT NULL
);
