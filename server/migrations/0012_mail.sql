-- Every message the server sends (a reply to a resident, and later alert
-- confirmations and alerts), written in the same transaction as what caused
-- it and sent by the outbox worker. `id` is also the local part of its
-- Message-ID; `body` is the whole formatted message, so a retry sends the
-- same bytes. `state`: queued (waiting, from `next_try_ms`), sending
-- (claimed until `claimed_until_ms`; past that another worker takes it
-- again), sent, failed (with the SMTP server's answer in `last_error`).
CREATE TABLE outbox (
    id                TEXT PRIMARY KEY,
    kind              TEXT NOT NULL,
    sender            TEXT NOT NULL,
    recipient         TEXT NOT NULL,
    body              TEXT NOT NULL,
    state             TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sending', 'sent', 'failed')),
    attempts          BIGINT NOT NULL DEFAULT 0,
    next_try_ms       BIGINT NOT NULL,
    claimed_until_ms  BIGINT,
    last_error        TEXT,
    created_ms        BIGINT NOT NULL,
    sent_ms           BIGINT
);

CREATE INDEX outbox_due ON outbox (state, next_try_ms);

-- Answers given to a resident: by email from the console (`message_id` the
-- outbox row, whose state is the delivery's) or another way, noted
-- (`channel` 'other'). The first answer marks the submission answered.
CREATE TABLE replies (
    id           TEXT PRIMARY KEY,
    feedback_id  TEXT NOT NULL,
    author       TEXT NOT NULL,
    body         TEXT NOT NULL,
    channel      TEXT NOT NULL CHECK (channel IN ('email', 'other')),
    message_id   TEXT,
    created_at   TEXT NOT NULL
);

CREATE INDEX replies_by_feedback ON replies (feedback_id, created_at);

ALTER TABLE feedback ADD COLUMN answered_at TEXT;
