-- People who use the console. `email` is stored lower-cased; the password is
-- an Argon2id PHC string. Ids are text ("p-" and random hex), made alike by
-- both engines' users.
CREATE TABLE people (
    id             TEXT PRIMARY KEY,
    email          TEXT NOT NULL UNIQUE,
    role           TEXT NOT NULL CHECK (role IN ('editor', 'responder', 'admin')),
    password_hash  TEXT NOT NULL,
    disabled_at    TEXT,
    created_at     TEXT NOT NULL
);

-- Signed-in sessions. The cookie holds a random id; only its SHA-256 is
-- kept. Times in milliseconds since 1970, for arithmetic alike in both engines.
CREATE TABLE sessions (
    id_hash     TEXT PRIMARY KEY,
    person_id   TEXT NOT NULL,
    created_ms  BIGINT NOT NULL,
    seen_ms     BIGINT NOT NULL
);

CREATE INDEX sessions_by_person ON sessions (person_id);

-- Failed sign-ins, by account ("account:EMAIL") and by client
-- ("client:ADDRESS"), for slowing and refusing guessers.
CREATE TABLE sign_in_failures (
    subject  TEXT NOT NULL,
    at_ms    BIGINT NOT NULL
);

CREATE INDEX sign_in_failures_by_subject ON sign_in_failures (subject, at_ms);
