-- What residents tell the force. `id` is the reference shown to the resident;
-- `idempotency_key` makes a retried submission store once.
CREATE TABLE feedback (
    id               TEXT PRIMARY KEY,
    idempotency_key  TEXT NOT NULL UNIQUE,
    message          TEXT NOT NULL,
    about            TEXT,
    rating           INTEGER CHECK (rating BETWEEN 1 AND 5),
    name             TEXT,
    email            TEXT,
    area             TEXT,
    contact_consent  INTEGER NOT NULL,
    lang             TEXT NOT NULL,
    page             TEXT NOT NULL,
    origin           TEXT,
    received_at      TEXT NOT NULL
);

CREATE INDEX feedback_by_received ON feedback (received_at, id);
CREATE INDEX feedback_by_about ON feedback (about, received_at);
