-- Updates the force publishes. Times are RFC 3339 UTC text ("2026-11-24T09:30:00Z"),
-- which sorts in time order and reads the same in SQLite and PostgreSQL.
CREATE TABLE updates (
    id             TEXT PRIMARY KEY,
    title          TEXT NOT NULL,
    summary        TEXT,
    content_text   TEXT,
    url            TEXT,
    image          TEXT,
    image_alt      TEXT,
    category       TEXT NOT NULL DEFAULT 'news'
                   CHECK (category IN ('news', 'appeal', 'warning', 'success', 'event')),
    priority       TEXT NOT NULL DEFAULT 'normal'
                   CHECK (priority IN ('normal', 'high', 'urgent')),
    area           TEXT,
    reference      TEXT,
    tags           TEXT NOT NULL DEFAULT '[]',
    event_start    TEXT,
    event_end      TEXT,
    event_address  TEXT,
    expires_at     TEXT,
    published_at   TEXT NOT NULL,
    modified_at    TEXT NOT NULL,
    withdrawn_at   TEXT
);

CREATE INDEX updates_by_published ON updates (published_at DESC, id DESC);
