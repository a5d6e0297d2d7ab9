-- How a session was started ('password', 'provider' or 'passkey'): the
-- second-factor rule covers password sign-ins only, since the force's
-- provider and a passkey each bring their own.
ALTER TABLE sessions ADD COLUMN method TEXT NOT NULL DEFAULT 'password';

-- Sign-ins sent to the force's identity provider and not yet back: the
-- `state` (only its hash), with the `nonce` and PKCE verifier that go with
-- it, and the client (address group) that asked. Each is taken once, and
-- only within ten minutes.
CREATE TABLE provider_sign_ins (
    state_hash  TEXT PRIMARY KEY,
    nonce       TEXT NOT NULL,
    verifier    TEXT NOT NULL,
    client      TEXT NOT NULL,
    created_ms  BIGINT NOT NULL
);

-- A right password from a person with a second factor: not a session, only
-- the right to be asked for the factor, for five minutes and three wrong codes.
CREATE TABLE half_sign_ins (
    id_hash     TEXT PRIMARY KEY,
    person_id   TEXT NOT NULL,
    created_ms  BIGINT NOT NULL,
    failures    BIGINT NOT NULL DEFAULT 0
);

-- Second factors: an authenticator app ('authenticator': `secret` is the
-- TOTP key in base32, `last_step` the last 30-second step accepted, so a
-- code works once) or a passkey ('passkey': `secret` is webauthn-rs's
-- credential as JSON, `credential_id` its id). `confirmed_ms` is empty
-- while an authenticator is being set up.
CREATE TABLE second_factors (
    id             TEXT PRIMARY KEY,
    person_id      TEXT NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('authenticator', 'passkey')),
    name           TEXT NOT NULL,
    secret         TEXT NOT NULL,
    credential_id  TEXT,
    last_step      BIGINT NOT NULL DEFAULT 0,
    created_ms     BIGINT NOT NULL,
    confirmed_ms   BIGINT,
    last_used_ms   BIGINT
);

CREATE INDEX second_factors_by_person ON second_factors (person_id);
CREATE UNIQUE INDEX second_factors_by_credential ON second_factors (credential_id);

-- One-time recovery codes, kept as SHA-256 hashes (each is random enough
-- that a slow hash adds nothing).
CREATE TABLE recovery_codes (
    person_id  TEXT NOT NULL,
    code_hash  TEXT NOT NULL,
    used_ms    BIGINT,
    PRIMARY KEY (person_id, code_hash)
);

-- A passkey ceremony under way (webauthn-rs's state as JSON), taken once,
-- within five minutes. `person_id` is empty for a sign-in; `client` is the
-- address group that asked.
CREATE TABLE passkey_ceremonies (
    id_hash     TEXT PRIMARY KEY,
    person_id   TEXT,
    state       TEXT NOT NULL,
    client      TEXT NOT NULL,
    created_ms  BIGINT NOT NULL
);

-- Each person's passkey user handle, a UUID, made on their first passkey.
ALTER TABLE people ADD COLUMN passkey_handle TEXT;

-- Who the force's identity provider says a person is (`ISSUER|SUBJECT`),
-- bound at their first sign-in through it: from then on only that identity
-- signs in as them, whatever its email becomes. `source` is 'console' for
-- people added here (their role is set here) or 'provider' for people the
-- provider's app roles brought in (their role follows the directory).
ALTER TABLE people ADD COLUMN provider_subject TEXT;
ALTER TABLE people ADD COLUMN source TEXT NOT NULL DEFAULT 'console';
CREATE UNIQUE INDEX people_by_provider_subject ON people (provider_subject);
