-- Sources the server imports from, and how each is doing (for polite,
-- conditional, backed-off polling and for /healthz).
CREATE TABLE import_sources (
    url              TEXT PRIMARY KEY,
    etag             TEXT,
    last_modified    TEXT,
    failures         INTEGER NOT NULL DEFAULT 0,
    last_attempt_at  TEXT,
    last_success_at  TEXT,
    last_error       TEXT
);

-- Which update each source item became, and a hash of what it last said,
-- so a re-import changes nothing and an edited item updates its update.
CREATE TABLE imported (
    source        TEXT NOT NULL,
    source_id     TEXT NOT NULL,
    update_id     TEXT NOT NULL,
    content_hash  TEXT NOT NULL,
    PRIMARY KEY (source, source_id)
);
